package main

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// config is what every per-module step needs; it is built once in main.
type config struct {
	cache      string   // absolute, symlink-free cache directory
	blockcheck string   // absolute path of the blockcheck binary
	extra      []string // flags passed through to blockcheck
	env        []string // environment of go commands run in module copies
	bases      []base   // GOMODCACHE and GOROOT, for positions outside the module
	timeout    time.Duration
	verbose    bool
	fix        bool // also apply -fix to a scratch copy and build it
}

// phases holds the wall time, in seconds, of each step for one module.
type phases struct {
	Fetch   float64 `json:"fetch"`   // go mod download -json MODULE@VERSION
	Copy    float64 `json:"copy"`    // module cache -> writable work dir
	Deps    float64 `json:"deps"`    // go mod download in the work dir
	Build   float64 `json:"build"`   // go build ./...
	List    float64 `json:"list"`    // go list ./... (package count)
	Analyse float64 `json:"analyse"` // blockcheck -json ./...
}

// result is the per-module line of summary.json.
type result struct {
	Module         string          `json:"module"`
	Version        string          `json:"version"`
	Dir            string          `json:"dir,omitempty"`
	Copied         bool            `json:"copied"` // false: work dir reused from an earlier run
	SetupError     string          `json:"setup_error,omitempty"`
	BuildOK        bool            `json:"build_ok"`
	BuildError     string          `json:"build_error,omitempty"`
	Packages       int             `json:"packages"`
	Findings       int             `json:"findings"`
	ByCategory     map[string]int  `json:"by_category"`
	AnalysisErrors []analysisError `json:"analysis_errors,omitempty"`
	Crashed        bool            `json:"crashed"`
	DriverExit     int             `json:"driver_exit"`
	DriverStderr   string          `json:"driver_stderr,omitempty"`
	Fixable        int             `json:"fixable,omitempty"`      // findings with a suggested fix
	FixBuildOK     *bool           `json:"fix_build_ok,omitempty"` // with -fix: does the fixed copy build and vet?
	FixError       string          `json:"fix_error,omitempty"`
	VetBefore      *bool           `json:"vet_before,omitempty"` // with -fix: did go vet pass before the fixes?
	Fixed          int             `json:"fixed,omitempty"`      // with -fix: fixes applied (fixable less those that overlapped)
	FixedFiles     []string        `json:"fixed_files,omitempty"`
	// Tests is, with -fix, the go test -short verdict on the packages
	// -fix touched: "pass", "fail (failed before too)", "FAIL", or "-"
	// when nothing was touched.
	Tests   string  `json:"tests,omitempty"`
	Phases  phases  `json:"phase_seconds"`
	Seconds float64 `json:"seconds"`
}

// failed reports whether -fail-on-error should trip on this module: the
// analysis reported errors (this includes a driver that failed without
// output or printed something undecodable) or the driver crashed.
func (r *result) failed() bool {
	return len(r.AnalysisErrors) > 0 || r.Crashed
}

// processModule fetches, copies, builds and analyses one module. Failures
// are recorded in the result rather than returned, so that the caller can
// go on with the next module.
func processModule(ctx context.Context, c *config, m module) (r result, findings []finding) {
	start := time.Now()
	r = result{Module: m.Path, Version: m.Version, ByCategory: map[string]int{}}
	defer func() { r.Seconds = secs(start) }()

	t := time.Now()
	src, err := download(ctx, c, m)
	r.Phases.Fetch = secs(t)
	if err != nil {
		r.SetupError = err.Error()
		return r, nil
	}

	t = time.Now()
	dir := filepath.Join(c.cache, "src", strings.ReplaceAll(m.Path, "/", "_")+"@"+m.Version)
	r.Dir = dir
	r.Copied, err = ensureCopy(src, dir)
	r.Phases.Copy = secs(t)
	if err != nil {
		r.SetupError = "copy: " + err.Error()
		return r, nil
	}

	if err := c.dropLocalReplaces(ctx, dir); err != nil {
		r.SetupError = err.Error()
		return r, nil
	}

	t = time.Now()
	_, stderr, err := c.run(ctx, dir, c.env, "go", "mod", "download")
	r.Phases.Deps = secs(t)
	if err != nil {
		r.SetupError = fmt.Sprintf("go mod download: %v\n%s", err, tail(stderr))
		return r, nil
	}

	t = time.Now()
	stdout, stderr, err := c.run(ctx, dir, c.env, "go", "build", "./...")
	r.Phases.Build = secs(t)
	if err != nil {
		// A module that does not build is a result, not a runner failure:
		// analysing it would only produce "analysis skipped" noise.
		r.BuildError = fmt.Sprintf("%v\n%s", err, tail(append(stdout, stderr...)))
		return r, nil
	}
	r.BuildOK = true

	// The driver's JSON only mentions packages that have findings or
	// errors, so count the analysed (root) packages separately.
	t = time.Now()
	stdout, stderr, err = c.run(ctx, dir, c.env, "go", "list", "-e", "./...")
	r.Phases.List = secs(t)
	if err != nil {
		r.SetupError = fmt.Sprintf("go list: %v\n%s", err, tail(stderr))
		return r, nil
	}
	r.Packages = len(strings.Fields(string(stdout)))

	t = time.Now()
	// blockcheck skips _test.go files unless -tests is given.
	args := append(append([]string{c.blockcheck, "-json"}, c.extra...), "./...")
	stdout, stderr, err = c.run(ctx, dir, c.env, args...)
	r.Phases.Analyse = secs(t)
	r.DriverExit = exitCode(err)
	findings, r.AnalysisErrors, err = decodeDriverOutput(bytes.NewReader(stdout))
	if err != nil {
		r.AnalysisErrors = append(r.AnalysisErrors, analysisError{Package: "(driver output)", Error: err.Error()})
	}
	// With -json the driver exits 0 with or without findings; anything
	// else means it failed (typically package load errors), and a panic
	// or internal error is a bug in blockcheck that must not go unnoticed.
	s := string(stderr)
	r.Crashed = strings.Contains(s, "panic") || strings.Contains(s, "internal error")
	if r.DriverExit != 0 || r.Crashed {
		r.DriverStderr = tail(stderr)
	}
	if r.DriverExit != 0 && len(stdout) == 0 {
		r.AnalysisErrors = append(r.AnalysisErrors, analysisError{Package: "(driver)", Error: fmt.Sprintf("exit %d without output: %v", r.DriverExit, err)})
	}
	bases := append([]base{{dir, ""}}, c.bases...)
	for i := range findings {
		f := &findings[i]
		f.Module, f.Version = m.Path, m.Version
		f.Posn, f.End = relPos(f.Posn, bases...), relPos(f.End, bases...)
		for j := range f.Related {
			f.Related[j].Posn = relPos(f.Related[j].Posn, bases...)
		}
		r.ByCategory[cmp.Or(f.Category, "(none)")]++
	}
	r.Findings = len(findings)
	for _, f := range findings {
		if f.HasFix {
			r.Fixable++
		}
	}
	if c.fix {
		c.applyFixes(ctx, dir, &r)
	}
	return r, findings
}

// applyFixes runs blockcheck -fix on a fresh scratch copy of the module
// and checks that the result still builds, and still vets if the
// module vetted before (some modules' tests do not pass go vet as
// published).
func (c *config) applyFixes(ctx context.Context, dir string, r *result) {
	_, _, vetErr := c.run(ctx, dir, c.env, "go", "vet", "./...")
	vetBefore := vetErr == nil
	r.VetBefore = &vetBefore
	scratch := dir + ".fix"
	ok := false
	r.FixBuildOK = &ok
	if err := os.RemoveAll(scratch); err != nil {
		r.FixError = err.Error()
		return
	}
	if _, err := ensureCopy(dir, scratch); err != nil {
		r.FixError = err.Error()
		return
	}
	args := append([]string{c.blockcheck, "-fix"}, c.extra...)
	_, stderr, err := c.run(ctx, scratch, c.env, append(args, "./...")...)
	if exitCode(err) != 0 && exitCode(err) != 3 {
		r.FixError = fmt.Sprintf("blockcheck -fix: %v\n%s", err, tail(stderr))
		return
	}
	r.FixedFiles, r.Fixed = fixReport(stderr, r.Fixable)
	steps := [][]string{{"go", "build", "./..."}}
	if vetBefore {
		steps = append(steps, []string{"go", "vet", "./..."})
	}
	for _, step := range steps {
		if stdout, stderr, err := c.run(ctx, scratch, c.env, step...); err != nil {
			r.FixError = fmt.Sprintf("%s after -fix: %v\n%s", strings.Join(step, " "), err, tail(append(stdout, stderr...)))
			return
		}
	}
	ok = true
	r.Tests = c.testTouched(ctx, dir, scratch, r.FixedFiles)
}

// fixReport reads what blockcheck -fix said on standard error: the
// files it wrote ("-fix wrote N file(s): a.go, b.go") and the fixes it
// skipped as overlapping; fixed is fixable less those.
func fixReport(stderr []byte, fixable int) (files []string, fixed int) {
	skipped := 0
	for line := range strings.Lines(string(stderr)) {
		line = strings.TrimSpace(line)
		if _, list, ok := strings.Cut(line, "-fix wrote "); ok {
			if _, names, ok := strings.Cut(list, ": "); ok {
				files = strings.Split(names, ", ")
			}
		}
		if strings.Contains(line, "overlaps another fix and was not applied") {
			skipped++
		}
	}
	return files, max(fixable-skipped, 0)
}

// testTouched runs go test -short on the packages holding the files
// -fix wrote, first in the unfixed copy and then in the fixed one.
func (c *config) testTouched(ctx context.Context, dir, scratch string, files []string) string {
	var pkgs []string
	for _, f := range files {
		if p := "./" + filepath.ToSlash(filepath.Dir(f)); !slices.Contains(pkgs, p) {
			pkgs = append(pkgs, p)
		}
	}
	if len(pkgs) == 0 {
		return "-"
	}
	args := append([]string{"go", "test", "-short", "-count=1", "-timeout=3m"}, pkgs...)
	_, _, before := c.run(ctx, dir, c.env, args...)
	_, _, after := c.run(ctx, scratch, c.env, args...)
	switch {
	case after == nil:
		return "pass"
	case before != nil:
		return "fail (failed before too)"
	}
	return "FAIL"
}

// download puts MODULE@VERSION into the module cache and returns its
// directory there (read-only, shared by all runs).
// dropLocalReplaces removes the module's replace directives that point
// at a directory: a published module that replaces its siblings by
// ../ paths cannot be built on its own, but with the replacements gone
// the versions it requires are used, as for any other importer.
func (c *config) dropLocalReplaces(ctx context.Context, dir string) error {
	stdout, stderr, err := c.run(ctx, dir, c.env, "go", "mod", "edit", "-json")
	if err != nil {
		return fmt.Errorf("go mod edit -json: %v\n%s", err, tail(stderr))
	}
	var mod struct {
		Replace []struct {
			Old, New struct{ Path, Version string }
		}
	}
	if err := json.Unmarshal(stdout, &mod); err != nil {
		return fmt.Errorf("go mod edit -json: %v", err)
	}
	var args []string
	for _, r := range mod.Replace {
		if r.New.Version != "" {
			continue // a module replacement, not a directory
		}
		old := r.Old.Path
		if r.Old.Version != "" {
			old += "@" + r.Old.Version
		}
		args = append(args, "-dropreplace="+old)
	}
	if len(args) == 0 {
		return nil
	}
	if _, stderr, err := c.run(ctx, dir, c.env, append([]string{"go", "mod", "edit"}, args...)...); err != nil {
		return fmt.Errorf("go mod edit: %v\n%s", err, tail(stderr))
	}
	return nil
}

func download(ctx context.Context, c *config, m module) (string, error) {
	stdout, stderr, err := c.run(ctx, c.cache, c.env, "go", "mod", "download", "-json", m.Path+"@"+m.Version)
	var info struct{ Dir, Error string }
	if jerr := json.Unmarshal(stdout, &info); jerr != nil && err == nil {
		err = jerr
	}
	switch {
	case info.Error != "":
		return "", fmt.Errorf("go mod download %s@%s: %s", m.Path, m.Version, info.Error)
	case err != nil:
		return "", fmt.Errorf("go mod download %s@%s: %v\n%s", m.Path, m.Version, err, tail(stderr))
	case info.Dir == "":
		return "", fmt.Errorf("go mod download %s@%s: no Dir in output", m.Path, m.Version)
	}
	return info.Dir, nil
}

// ensureCopy copies the module cache tree src to dst unless dst exists.
// The copy is built in dst+".partial" and renamed into place only when
// complete, so an existing dst is always whole and an interrupted run
// simply starts that copy over. It reports whether it copied.
func ensureCopy(src, dst string) (bool, error) {
	if _, err := os.Stat(dst); err == nil {
		return false, nil
	}
	tmp := dst + ".partial"
	if err := os.RemoveAll(tmp); err != nil {
		return false, err
	}
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, p)
		if err != nil {
			return err
		}
		target := filepath.Join(tmp, rel)
		switch {
		case d.IsDir():
			return os.MkdirAll(target, 0o755)
		case d.Type().IsRegular():
			return copyFile(p, target)
		}
		return nil // module zips hold only directories and regular files
	})
	if err != nil {
		return false, err
	}
	return true, os.Rename(tmp, dst)
}

// copyFile copies one file, adding the owner write bit: the module cache is
// read-only, but the go command rewrites go.mod/go.sum in place and a
// module's own tools may write next to their sources.
func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	info, err := in.Stat()
	if err != nil {
		return err
	}
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, info.Mode().Perm()|0o200)
	if err != nil {
		return err
	}
	_, err = io.Copy(out, in)
	return errors.Join(err, out.Close())
}

// run runs a command in dir with env (nil: inherit) and the per-command
// timeout, capturing its output.
func (c *config) run(ctx context.Context, dir string, env []string, args ...string) (stdout, stderr []byte, err error) {
	ctx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	if c.verbose {
		log.Printf("%s$ %s", dir, strings.Join(args, " "))
	}
	cmd := exec.CommandContext(ctx, args[0], args[1:]...)
	cmd.Dir = dir
	if env != nil {
		// Set PWD so that the go command reports file names under dir
		// exactly as we spelled it, which relPos relies on.
		cmd.Env = append(slices.Clip(env), "PWD="+dir)
	}
	var o, e bytes.Buffer
	cmd.Stdout, cmd.Stderr = &o, &e
	err = cmd.Run()
	if ctx.Err() == context.DeadlineExceeded {
		err = fmt.Errorf("timed out after %v: %w", c.timeout, err)
	}
	return o.Bytes(), e.Bytes(), err
}

// exitCode is the exit status of a finished command, or -1 if it could not
// be started or was killed.
func exitCode(err error) int {
	var ee *exec.ExitError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &ee):
		return ee.ExitCode()
	}
	return -1
}

// tail keeps the last lines of a command's output: enough to see the
// error without flooding summary.json.
func tail(b []byte) string {
	const maxLines, maxBytes = 20, 4000
	lines := strings.Split(strings.TrimRight(string(b), "\n"), "\n")
	s := strings.Join(lines[max(0, len(lines)-maxLines):], "\n")
	if len(s) > maxBytes {
		s = "..." + s[len(s)-maxBytes:]
	}
	return s
}

// secs is the time since t in seconds, rounded to 0.1s for readable output.
func secs(t time.Time) float64 {
	return math.Round(time.Since(t).Seconds()*10) / 10
}
