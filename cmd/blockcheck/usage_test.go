package main_test

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// These tests check what a new user meets first: where the output
// goes, what a mistake in a flag or setting says, and what a run says
// while it works.

// runSplit runs the command with extra environment variables and
// returns its standard output and standard error apart.
func runSplit(t *testing.T, dir, bin string, env []string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	var exit *exec.ExitError
	switch {
	case err == nil:
	case errors.As(err, &exit):
		code = exit.ExitCode()
	default:
		t.Fatalf("%s %v: %v", bin, args, err)
	}
	return out.String(), errb.String(), code
}

// TestFindingsOnStdout: text findings go to standard output, so that
// `blockcheck ./... > report.txt` keeps them; errors go to standard
// error.
func TestFindingsOnStdout(t *testing.T) {
	bin := build(t)
	stdout, stderr, code := runSplit(t, module(t, blocking), bin, nil, "./...")
	if code != 3 || !strings.Contains(stdout, "m.go:9:2: time.Sleep in HTTP handler Handle") || stderr != "" {
		t.Errorf("exit %d\nstdout:\n%s\nstderr:\n%s", code, stdout, stderr)
	}
	stdout, stderr, code = runSplit(t, module(t, "package m\n\nfunc f() { undefined() }\n"), bin, nil, "./...")
	if code != 1 || stdout != "" || !strings.Contains(stderr, "undefined") {
		t.Errorf("type error: exit %d\nstdout:\n%s\nstderr:\n%s", code, stdout, stderr)
	}
}

// TestFlagMistakes: flags that conflict or do nothing, and names that
// match nothing, are errors that name the flag, in one line, with exit
// status 2.
func TestFlagMistakes(t *testing.T) {
	bin := build(t)
	dir := twoPackages(t)
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"diff without fix", []string{"-diff", "./..."}, "-diff does nothing without -fix"},
		{"json and sarif", []string{"-json", "-format=sarif", "./..."}, "-json and -format=sarif cannot be used together"},
		{"context lines with json", []string{"-json", "-c=2", "./..."}, "-c only applies to text output"},
		{"test", []string{"-test", "./..."}, "-test has no effect: test packages are always loaded; use -tests"},
		{"empty blocking", []string{"-blocking=", "./..."}, `invalid value "" for flag -blocking: empty value`},
		{"empty entry", []string{"-entry=,", "./..."}, `invalid value "," for flag -entry: empty value`},
		{"unknown entry", []string{"-entry=example.com/m/api.nope", "./..."}, "-entry example.com/m/api.nope names no function of the loaded packages"},
		{"unknown package", []string{"-entry=example.com/svc.Run", "./..."}, "-entry example.com/svc.Run names no function of the loaded packages"},
		{"short name", []string{"-blocking=helper.Wait", "./..."}, "-blocking helper.Wait names no function of the loaded packages; did you mean example.com/m/helper.Wait?"},
		{"receiver", []string{"-blocking=(*net/http.Client).Get=Do", "-blocking=(net/http.Client).Do", "./..."}, "-blocking (net/http.Client).Do names no function of the loaded packages; did you mean (*net/http.Client).Do?"},
		{"relative cache", []string{"./..."}, "BLOCKCHECK_CACHE=cache is not an absolute path"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var env []string
			if tc.name == "relative cache" {
				env = []string{"BLOCKCHECK_CACHE=cache"}
			}
			stdout, stderr, code := runSplit(t, dir, bin, env, tc.args...)
			if code != 2 || !strings.Contains(stderr, tc.want) {
				t.Errorf("exit %d, want 2; stderr:\n%s\nwant it to contain %q", code, stderr, tc.want)
			}
			if lines := strings.Count(stderr, "\n"); lines != 1 {
				t.Errorf("%d lines on stderr, want 1:\n%s", lines, stderr)
			}
			if strings.Contains(stdout, "Usage") || strings.Contains(stderr, "Usage") {
				t.Error("the usage text was printed")
			}
		})
	}
	if _, err := os.Stat(filepath.Join(dir, "cache")); err == nil {
		t.Error("a relative BLOCKCHECK_CACHE made a directory in the project")
	}
	// Names that match are accepted: a function, a method and one in
	// the standard library.
	_, stderr, code := runSplit(t, dir, bin, nil, "-entry=example.com/m/helper.Wait", "-blocking=(*net/http.Client).Do", "./...")
	if code != 3 || stderr != "" {
		t.Errorf("known names: exit %d, stderr:\n%s", code, stderr)
	}
}

// TestCacheNotWritable: a cache that cannot be written gives one note
// on standard error and the findings as usual.
func TestCacheNotWritable(t *testing.T) {
	bin := build(t)
	file := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	// A directory under a regular file cannot be made, even by root.
	stdout, stderr, code := runSplit(t, module(t, blocking), bin, []string{"BLOCKCHECK_CACHE=" + filepath.Join(file, "cache")}, "./...")
	if code != 3 || !strings.Contains(stdout, "time.Sleep") {
		t.Errorf("exit %d, stdout:\n%s", code, stdout)
	}
	if !strings.Contains(stderr, "note: the cache in "+filepath.Join(file, "cache")+" cannot be written") || strings.Count(stderr, "\n") != 1 {
		t.Errorf("stderr:\n%s", stderr)
	}
}

// TestVerbose: -v prints each phase on standard error; without it, and
// with standard error not a terminal, the run says nothing there.
func TestVerbose(t *testing.T) {
	bin := build(t)
	dir := twoPackages(t)
	env := []string{"BLOCKCHECK_CACHE=off"}
	stdout, stderr, code := runSplit(t, dir, bin, env, "-v", "./...")
	for _, want := range []string{
		"blockcheck: loading packages with the go command",
		"analysing 2 packages",
		"blockcheck: analysed 2 packages (0 read from the cache)",
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	if code != 3 || !strings.Contains(stdout, "helper.Wait") || strings.Contains(stdout, "loading") {
		t.Errorf("exit %d, stdout:\n%s", code, stdout)
	}
	if _, stderr, _ := runSplit(t, dir, bin, env, "./..."); stderr != "" {
		t.Errorf("without -v, stderr:\n%s", stderr)
	}
}

// TestFixSaysWhatItWrote: -fix names the files it wrote.
func TestFixSaysWhatItWrote(t *testing.T) {
	bin := build(t)
	dir := module(t, fixable)
	_, stderr, code := runSplit(t, dir, bin, nil, "-fix", "./...")
	if code != 0 || !strings.Contains(stderr, "blockcheck: -fix wrote 1 file(s): m.go") {
		t.Errorf("exit %d, stderr:\n%s", code, stderr)
	}
}

// TestVetBadSetting: under go vet, a bad setting is one line for each
// package the user named, without the usage text, and none for the
// dependencies go vet analyses only for their facts.
func TestVetBadSetting(t *testing.T) {
	bin := build(t)
	cmd := exec.Command("go", "vet", "-vettool="+bin, "-disable=sleeps", "./api")
	cmd.Dir = twoPackages(t)
	out, err := cmd.CombinedOutput()
	if err == nil {
		t.Fatalf("go vet succeeded:\n%s", out)
	}
	text := string(out)
	want := `blockcheck: invalid value "sleeps" for flag -disable: unknown rule family "sleeps"`
	if strings.Count(text, want) != 1 || strings.Contains(text, "Usage") || strings.Count(text, "\n") > 3 {
		t.Errorf("go vet output:\n%s", text)
	}
}

// TestFixDiffMatchesFix: -fix -diff writes nothing and prints a diff
// with paths relative to the module root that git apply takes, and
// that gives exactly what -fix writes.
func TestFixDiffMatchesFix(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
	bin := build(t)
	copyTree := func() string {
		dir := t.TempDir()
		if err := os.CopyFS(dir, os.DirFS("../../analyzer/testdata/src/fixes")); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module example.com/fixes\n\ngo 1.26\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		return dir
	}
	viaDiff, viaFix := copyTree(), copyTree()
	before := snapshot(t, viaDiff)
	// Run from a subdirectory: the paths are still the module root's.
	sub := filepath.Join(viaDiff, "sub")
	if err := os.Mkdir(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	diff, stderr, code := runSplit(t, sub, bin, nil, "-fix", "-diff", "-enable=chanaudit", "../...")
	if code != 0 || !strings.Contains(diff, "--- a/") || strings.Contains(diff, viaDiff) {
		t.Fatalf("-fix -diff: exit %d\nstdout:\n%s\nstderr:\n%s", code, diff, stderr)
	}
	if err := os.Remove(sub); err != nil {
		t.Fatal(err)
	}
	if snapshot(t, viaDiff) != before {
		t.Fatal("-fix -diff changed the files")
	}
	patch := filepath.Join(t.TempDir(), "fix.diff")
	if err := os.WriteFile(patch, []byte(diff), 0o644); err != nil {
		t.Fatal(err)
	}
	apply := exec.Command("git", "apply", patch)
	apply.Dir = viaDiff
	if out, err := apply.CombinedOutput(); err != nil {
		t.Fatalf("git apply: %v\n%s", err, out)
	}
	if _, stderr, code := runSplit(t, viaFix, bin, nil, "-fix", "-enable=chanaudit", "./..."); code == 1 || code == 2 {
		t.Fatalf("-fix: exit %d\n%s", code, stderr)
	}
	strip := func(dir string) string { return strings.ReplaceAll(snapshot(t, dir), dir, "") }
	if strip(viaDiff) != strip(viaFix) {
		t.Error("git apply of the -fix -diff output differs from what -fix wrote")
	}
}
