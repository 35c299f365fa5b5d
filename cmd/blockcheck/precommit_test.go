package main_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestPreCommitHooks runs both hooks of .pre-commit-hooks.yaml end to
// end with the pre-commit tool against a scratch repository: each must
// fail on a blocking handler and pass once it is fixed. CI installs
// pre-commit; elsewhere the test is skipped without it.
func TestPreCommitHooks(t *testing.T) {
	if _, err := exec.LookPath("pre-commit"); err != nil {
		t.Skip("pre-commit is not installed")
	}
	if testing.Short() {
		t.Skip("slow: installs the hook into a fresh environment")
	}
	repo, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	home := t.TempDir() // pre-commit's cache of hook environments
	git := func(args ...string) {
		t.Helper()
		cmd := exec.Command("git", args...)
		cmd.Dir = dir
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	write := func(name, content string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	git("init", "-q")
	git("config", "user.email", "test@example.com")
	git("config", "user.name", "test")
	write("go.mod", "module example.com/m\n\ngo 1.26\n")
	write("m.go", blocking)
	git("add", ".")
	git("commit", "-qm", "blocking handler")

	for _, hook := range []string{"blockcheck", "blockcheck-vet"} {
		t.Run(hook, func(t *testing.T) {
			tryRepo := func() (string, error) {
				cmd := exec.Command("pre-commit", "try-repo", repo, hook, "--all-files")
				cmd.Dir = dir
				cmd.Env = append(os.Environ(), "PRE_COMMIT_HOME="+home)
				out, err := cmd.CombinedOutput()
				return string(out), err
			}
			write("m.go", blocking)
			out, err := tryRepo()
			if err == nil || !strings.Contains(out, "time.Sleep in HTTP handler Handle") {
				t.Fatalf("hook passed or did not report the sleep: %v\n%s", err, out)
			}
			write("m.go", clean)
			if out, err := tryRepo(); err != nil {
				t.Fatalf("hook failed on clean code: %v\n%s", err, out)
			}
		})
	}
}
