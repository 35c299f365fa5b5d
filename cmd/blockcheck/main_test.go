package main_test

import (
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// These tests build the command and run it the way users do, checking
// the exit codes CI relies on.

func build(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "blockcheck")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// module writes a one-package module and returns its directory.
func module(t *testing.T, src string) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"go.mod": "module example.com/m\n\ngo 1.26\n",
		"m.go":   src,
	}
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

const blocking = `package m

import (
	"net/http"
	"time"
)

func Handle(w http.ResponseWriter, r *http.Request) {
	time.Sleep(time.Second)
}
`

const clean = `package m

import "net/http"

func Handle(w http.ResponseWriter, r *http.Request) {
	<-r.Context().Done()
}
`

func run(t *testing.T, dir, bin string, args ...string) (string, int) {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	var exit *exec.ExitError
	switch {
	case err == nil:
		return string(out), 0
	case errors.As(err, &exit):
		return string(out), exit.ExitCode()
	}
	t.Fatalf("%s %v: %v", bin, args, err)
	return "", 0
}

func TestExitCodes(t *testing.T) {
	bin := build(t)
	for _, tc := range []struct {
		name string
		src  string
		args []string
		code int
		out  string
	}{
		{"findings", blocking, []string{"./..."}, 3, "time.Sleep in HTTP handler Handle ignores cancellation"},
		{"clean", clean, []string{"./..."}, 0, ""},
		{"type error", "package m\n\nfunc f() { undefined() }\n", []string{"./..."}, 1, "undefined"},
		{"unknown flag", clean, []string{"-nosuchflag", "./..."}, 2, "nosuchflag"},
		{"bad family", clean, []string{"-disable=sleeps", "./..."}, 2, `unknown rule family "sleeps"`},
		{"disabled family", blocking, []string{"-disable=sleep", "./..."}, 0, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out, code := run(t, module(t, tc.src), bin, tc.args...)
			if code != tc.code || !strings.Contains(out, tc.out) {
				t.Errorf("exit %d, want %d; output:\n%s\nwant it to contain %q", code, tc.code, out, tc.out)
			}
		})
	}
}

func TestJSON(t *testing.T) {
	bin := build(t)
	out, code := run(t, module(t, blocking), bin, "-json", "./...")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, out)
	}
	var tree map[string]map[string][]struct {
		Posn     string `json:"posn"`
		Message  string `json:"message"`
		Category string `json:"category"`
		Related  []struct {
			Message string `json:"message"`
		} `json:"related"`
	}
	if err := json.Unmarshal([]byte(out), &tree); err != nil {
		t.Fatalf("%v in %s", err, out)
	}
	diags := tree["example.com/m"]["blockcheck"]
	if len(diags) != 1 || diags[0].Category != "sleep" || len(diags[0].Related) == 0 {
		t.Errorf("unexpected JSON findings: %+v", diags)
	}
}

// TestVetTool runs blockcheck through go vet -vettool: findings make
// go vet fail.
func TestVetTool(t *testing.T) {
	bin := build(t)
	cmd := exec.Command("go", "vet", "-vettool="+bin, "./...")
	cmd.Dir = module(t, blocking)
	out, err := cmd.CombinedOutput()
	if err == nil || !strings.Contains(string(out), "time.Sleep in HTTP handler Handle") {
		t.Errorf("go vet: err %v, output:\n%s", err, out)
	}
}
