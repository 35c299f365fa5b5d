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

// TestFixLeavesCodeBuilding applies -fix to the example service and to
// the fix testdata, then checks that the result builds and vets, that
// no fixable finding is left, and that a second -fix changes nothing.
func TestFixLeavesCodeBuilding(t *testing.T) {
	bin := build(t)
	for _, src := range []string{"../../examples", "../../analyzer/testdata/src/fixes"} {
		t.Run(filepath.Base(src), func(t *testing.T) {
			dir := t.TempDir()
			if err := os.CopyFS(dir, os.DirFS(src)); err != nil {
				t.Fatal(err)
			}
			if _, err := os.Stat(filepath.Join(dir, "go.mod")); err != nil {
				if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module example.com/fixes\n\ngo 1.26\n"), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			// -enable=chanaudit: the channel fixes too.
			if out, code := run(t, dir, bin, "-fix", "-enable=chanaudit", "./..."); code == 1 || code == 2 {
				t.Fatalf("-fix: exit %d\n%s", code, out)
			}
			for _, args := range [][]string{{"build", "./..."}, {"vet", "./..."}} {
				cmd := exec.Command("go", args...)
				cmd.Dir = dir
				if out, err := cmd.CombinedOutput(); err != nil {
					t.Fatalf("go %v after -fix: %v\n%s", args, err, out)
				}
			}
			before := snapshot(t, dir)
			out, _ := run(t, dir, bin, "-json", "-enable=chanaudit", "./...")
			if strings.Contains(out, "suggested_fixes") {
				t.Errorf("fixable findings left after -fix:\n%s", out)
			}
			run(t, dir, bin, "-fix", "-enable=chanaudit", "./...")
			if after := snapshot(t, dir); after != before {
				t.Error("a second -fix changed the code")
			}
		})
	}
}

// snapshot is the concatenated content of the Go files under dir.
func snapshot(t *testing.T, dir string) string {
	t.Helper()
	var b strings.Builder
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") {
			return err
		}
		data, err := os.ReadFile(path)
		b.WriteString(path + "\n" + string(data))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// TestSARIF: -format=sarif writes a SARIF 2.1.0 log with one rule per
// family and the finding with its path as a code flow.
func TestSARIF(t *testing.T) {
	bin := build(t)
	dir := module(t, blocking)
	out, code := run(t, dir, bin, "-format=sarif", "./...")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, out)
	}
	var log struct {
		Version string `json:"version"`
		Runs    []struct {
			Tool struct {
				Driver struct {
					Rules []struct {
						ID string `json:"id"`
					} `json:"rules"`
				} `json:"driver"`
			} `json:"tool"`
			Results []struct {
				RuleID    string `json:"ruleId"`
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct {
							URI string `json:"uri"`
						} `json:"artifactLocation"`
						Region struct {
							StartLine int `json:"startLine"`
						} `json:"region"`
					} `json:"physicalLocation"`
				} `json:"locations"`
				CodeFlows []any `json:"codeFlows"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal([]byte(out), &log); err != nil {
		t.Fatalf("%v in %s", err, out)
	}
	if log.Version != "2.1.0" || len(log.Runs) != 1 || len(log.Runs[0].Tool.Driver.Rules) < 10 {
		t.Fatalf("unexpected log header: %+v", log)
	}
	res := log.Runs[0].Results
	if len(res) != 1 || res[0].RuleID != "sleep" || len(res[0].CodeFlows) != 1 ||
		res[0].Locations[0].PhysicalLocation.ArtifactLocation.URI != "m.go" || res[0].Locations[0].PhysicalLocation.Region.StartLine != 9 {
		t.Errorf("unexpected results: %+v", res)
	}
	if out, code := run(t, dir, bin, "-format=xml", "./..."); code != 2 || !strings.Contains(out, `unknown -format "xml"`) {
		t.Errorf("-format=xml: exit %d, %s", code, out)
	}
}

const fixable = `package m

import (
	"context"
	"database/sql"
)

func A(ctx context.Context, db *sql.DB) { _, _ = db.Query("select 1") }
`

const fixable2 = `package m

import (
	"context"
	"database/sql"
)

func B(ctx context.Context, db *sql.DB) { _, _ = db.Exec("delete") }
`

// TestFixKeepsPermissions: -fix applies the fixes of several files,
// keeps each file's permissions and leaves no temporary file behind.
// (All-or-nothing writing is tested in fix_test.go.)
func TestFixKeepsPermissions(t *testing.T) {
	bin := build(t)
	dir := module(t, fixable)
	if err := os.WriteFile(filepath.Join(dir, "b.go"), []byte(fixable2), 0o600); err != nil {
		t.Fatal(err)
	}
	out, code := run(t, dir, bin, "-fix", "./...")
	if code != 0 {
		t.Fatalf("-fix: exit %d\n%s", code, out)
	}
	a, _ := os.ReadFile(filepath.Join(dir, "m.go"))
	b, _ := os.ReadFile(filepath.Join(dir, "b.go"))
	if !strings.Contains(string(a), "db.QueryContext(ctx,") || !strings.Contains(string(b), "db.ExecContext(ctx,") {
		t.Errorf("fixes not applied:\n%s\n%s", a, b)
	}
	if fi, err := os.Stat(filepath.Join(dir, "b.go")); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("b.go mode %v, %v; want 0600 kept", fi.Mode().Perm(), err)
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.Contains(e.Name(), ".blockcheck-") {
			t.Errorf("temporary file left behind: %s", e.Name())
		}
	}
}

// TestGoTool installs blockcheck the recommended way, with the tool
// directive that `go get -tool` writes, and runs it as `go tool
// blockcheck` and as go vet's tool.
func TestGoTool(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: builds blockcheck as a tool of another module")
	}
	repo, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	dir := module(t, blocking)
	goCmd := func(args ...string) (string, error) {
		cmd := exec.Command("go", args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod")
		out, err := cmd.CombinedOutput()
		return string(out), err
	}
	// What `go get -tool` writes, pointed at this checkout: the
	// module is not on the proxy under this path.
	for _, args := range [][]string{
		{"mod", "edit", "-require=github.com/blockcheck/blockcheck@v0.0.0-00010101000000-000000000000",
			"-replace=github.com/blockcheck/blockcheck=" + repo, "-tool=github.com/blockcheck/blockcheck/cmd/blockcheck"},
		{"mod", "tidy"},
	} {
		if out, err := goCmd(args...); err != nil {
			t.Fatalf("go %v: %v\n%s", args, err, out)
		}
	}
	out, err := goCmd("tool", "blockcheck", "./...")
	if err == nil || !strings.Contains(out, "time.Sleep in HTTP handler Handle") {
		t.Errorf("go tool blockcheck: %v\n%s", err, out)
	}
	path, err := goCmd("tool", "-n", "blockcheck")
	if err != nil {
		t.Fatalf("go tool -n: %v\n%s", err, path)
	}
	out, err = goCmd("vet", "-vettool="+strings.TrimSpace(path), "./...")
	if err == nil || !strings.Contains(out, "time.Sleep in HTTP handler Handle") {
		t.Errorf("go vet -vettool=$(go tool -n blockcheck): %v\n%s", err, out)
	}
}
