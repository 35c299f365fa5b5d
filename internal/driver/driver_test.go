package driver_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/blockcheck/blockcheck/analyzer"
	"github.com/blockcheck/blockcheck/internal/driver"
	"github.com/blockcheck/blockcheck/internal/sarif"
)

// writeModule writes files into a new module example.com/m and
// changes into it for the rest of the test.
func writeModule(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	files["go.mod"] = "module example.com/m\n\ngo 1.26\n"
	for name, content := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(dir)
	return dir
}

const helperSrc = `package helper

import "time"

// Wait blocks: the fact it exports is all api sees of it.
func Wait() { time.Sleep(time.Second) }
`

const apiSrc = `package api

import (
	"context"

	"example.com/m/helper"
)

func Handle(ctx context.Context) { helper.Wait() }
`

func run(t *testing.T, o driver.Options) (*driver.Result, string) {
	t.Helper()
	var log bytes.Buffer
	o.Analyzer = analyzer.New(analyzer.Config{})
	o.Log, o.Debug = &log, true
	if o.Patterns == nil {
		o.Patterns = []string{"./..."}
	}
	res, err := driver.Run(context.Background(), o)
	if err != nil {
		t.Fatalf("Run: %v\n%s", err, log.String())
	}
	return res, log.String()
}

func findings(res *driver.Result) map[string][]sarif.Diagnostic {
	out := map[string][]sarif.Diagnostic{}
	for _, p := range res.Packages {
		for _, a := range p.Analyzers {
			out[p.ID] = append(out[p.ID], a.Diagnostics...)
		}
	}
	return out
}

// TestFactsAcrossPackages: api's finding exists only through the fact
// helper exported, found again by object path in helper's export data.
func TestFactsAcrossPackages(t *testing.T) {
	writeModule(t, map[string]string{"helper/helper.go": helperSrc, "api/api.go": apiSrc})
	res, log := run(t, driver.Options{})
	if res.Failed {
		t.Fatalf("failed:\n%s", log)
	}
	got := findings(res)
	if len(got["example.com/m/helper"]) != 0 {
		t.Errorf("helper has findings: %+v", got["example.com/m/helper"])
	}
	api := got["example.com/m/api"]
	if len(api) != 1 || !strings.Contains(api[0].Message, "call to helper.Wait in Handle") || !strings.HasSuffix(api[0].Posn, "api.go:9:36") {
		t.Fatalf("api findings: %+v", api)
	}
	if len(api[0].Related) != 2 || !strings.Contains(api[0].Related[1].Message, "helper.Wait blocks in time.Sleep") {
		t.Errorf("chain: %+v", api[0].Related)
	}
	// The standard library is only imported, never analysed.
	if strings.Contains(log, "analysed time") || strings.Contains(log, "analysed context") {
		t.Errorf("std analysed:\n%s", log)
	}
}

// TestCache: a second run reads every package back; changing helper
// analyses helper again, and api, whose key holds helper's facts.
func TestCache(t *testing.T) {
	dir := writeModule(t, map[string]string{"helper/helper.go": helperSrc, "api/api.go": apiSrc})
	cache := t.TempDir()
	first, log1 := run(t, driver.Options{Cache: cache})
	second, log2 := run(t, driver.Options{Cache: cache})
	if strings.Contains(log2, "analysed") || strings.Count(log2, "cached") != 2 {
		t.Errorf("second run:\n%s\nfirst run:\n%s", log2, log1)
	}
	if a, b := findings(first), findings(second); len(a["example.com/m/api"]) != 1 || a["example.com/m/api"][0].Message != b["example.com/m/api"][0].Message {
		t.Errorf("cached findings differ: %+v\n%+v", a, b)
	}
	// Other settings are another analysis.
	_, log3 := run(t, driver.Options{Cache: cache, Settings: []string{"-disable=chan"}})
	if strings.Count(log3, "analysed") != 2 {
		t.Errorf("new settings served from cache:\n%s", log3)
	}
	if err := os.WriteFile(filepath.Join(dir, "helper/helper.go"), []byte("package helper\n\nfunc Wait() {}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	third, log4 := run(t, driver.Options{Cache: cache})
	if !strings.Contains(log4, "analysed example.com/m/helper") || !strings.Contains(log4, "analysed example.com/m/api") {
		t.Errorf("after the change:\n%s", log4)
	}
	if got := findings(third)["example.com/m/api"]; len(got) != 0 {
		t.Errorf("stale finding: %+v", got)
	}
}

// TestErrors: a package that does not type-check, and one that imports
// it, fail with the compiler's message; the others are still analysed.
func TestErrors(t *testing.T) {
	writeModule(t, map[string]string{
		"bad/bad.go":       "package bad\n\nfunc F() { undefined() }\n",
		"user/user.go":     "package user\n\nimport \"example.com/m/bad\"\n\nvar _ = bad.F\n",
		"helper/helper.go": helperSrc,
	})
	res, log := run(t, driver.Options{})
	if !res.Failed {
		t.Fatalf("not failed:\n%s", log)
	}
	for _, p := range res.Packages {
		errText := p.Analyzers[0].Error
		switch p.ID {
		case "example.com/m/bad", "example.com/m/user":
			if !strings.Contains(errText, "undefined: undefined") {
				t.Errorf("%s: error %q", p.ID, errText)
			}
		default:
			if errText != "" {
				t.Errorf("%s: error %q", p.ID, errText)
			}
		}
	}
	res, _ = run(t, driver.Options{Patterns: []string{"./nothing/..."}})
	if !res.Failed || len(res.Packages) != 1 || !strings.Contains(res.Packages[0].Analyzers[0].Error, "nothing") {
		t.Errorf("a pattern naming nothing: %+v", res)
	}
}

// TestTests: with Tests, a package's test variant is analysed instead
// of the package, and its _test.go files are judged.
func TestTests(t *testing.T) {
	writeModule(t, map[string]string{
		"helper/helper.go": helperSrc,
		"helper/helper_test.go": `package helper

import (
	"context"
	"testing"
	"time"
)

func pause(ctx context.Context) { time.Sleep(time.Millisecond) }

func TestWait(t *testing.T) { pause(context.Background()) }
`,
	})
	res, _ := run(t, driver.Options{})
	if got := findings(res)["example.com/m/helper"]; len(got) != 0 {
		t.Errorf("without Tests: %+v", got)
	}
	a := analyzer.New(analyzer.Config{})
	if err := a.Flags.Set("tests", "true"); err != nil {
		t.Fatal(err)
	}
	var log bytes.Buffer
	res, err := driver.Run(context.Background(), driver.Options{Analyzer: a, Patterns: []string{"./..."}, Tests: true, Log: &log, Debug: true})
	if err != nil {
		t.Fatal(err)
	}
	got := findings(res)["example.com/m/helper [example.com/m/helper.test]"]
	if len(got) != 1 || !strings.Contains(got[0].Message, "time.Sleep in pause") {
		t.Errorf("with Tests: %+v\n%s", findings(res), log.String())
	}
}

// TestTrim: entries unused for days go, a recent one stays, and the
// cache is trimmed at most once a day.
func TestTrim(t *testing.T) {
	writeModule(t, map[string]string{"helper/helper.go": helperSrc})
	cache := t.TempDir()
	old := filepath.Join(cache, "ab", "ab-old.json")
	if err := os.MkdirAll(filepath.Dir(old), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(old, []byte("{}"), 0o644); err != nil {
		t.Fatal(err)
	}
	long := time.Now().Add(-10 * 24 * time.Hour)
	if err := os.Chtimes(old, long, long); err != nil {
		t.Fatal(err)
	}
	run(t, driver.Options{Cache: cache})
	if _, err := os.Stat(old); !os.IsNotExist(err) {
		t.Errorf("old entry kept: %v", err)
	}
	entries, _ := filepath.Glob(filepath.Join(cache, "*", "*.json"))
	if len(entries) != 1 {
		t.Errorf("entries after the run: %v", entries)
	}
	// A second old entry survives: trimmed less than a day ago.
	if err := os.WriteFile(old, []byte("{}"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(old, long, long); err != nil {
		t.Fatal(err)
	}
	run(t, driver.Options{Cache: cache})
	if _, err := os.Stat(old); err != nil {
		t.Errorf("trimmed twice in a day: %v", err)
	}
}

// TestResolve: full names are looked up in the declarations of every
// listed package, the standard library and test files included, with
// the names the user may have meant when one is not found.
func TestResolve(t *testing.T) {
	writeModule(t, map[string]string{
		"helper/helper.go": helperSrc,
		"api/api.go":       apiSrc,
		"api/api_test.go":  "package api\n\nfunc loopForTest() {}\n",
		"api/types.go": `package api

type Server struct{}

func (s *Server) Serve() {}

type Limiter interface{ Take() }

type Set[T any] struct{}

func (Set[T]) Add(T) {}
`,
	})
	res, _ := run(t, driver.Options{Tests: true})
	for _, tc := range []struct {
		name  string
		found bool
		meant []string
	}{
		{"example.com/m/helper.Wait", true, nil},
		{"(*example.com/m/api.Server).Serve", true, nil},
		{"(example.com/m/api.Server).Serve", false, []string{"(*example.com/m/api.Server).Serve"}},
		{"(example.com/m/api.Limiter).Take", true, nil},
		{"(example.com/m/api.Set).Add", true, nil},
		{"example.com/m/api.loopForTest", true, nil},
		{"time.Sleep", true, nil},
		{"context.WithCancel", true, nil},
		{"(*net/http.Client).Do", false, nil}, // not imported: not listed
		{"helper.Wait", false, []string{"example.com/m/helper.Wait"}},
		{"m/helper.Wait", false, []string{"example.com/m/helper.Wait"}},
		{"example.com/m/helper.Nope", false, nil},
		{"example.com/nowhere.Wait", false, nil},
	} {
		found, meant := res.Resolve(tc.name)
		if found != tc.found || strings.Join(meant, " ") != strings.Join(tc.meant, " ") {
			t.Errorf("Resolve(%s) = %t, %q; want %t, %q", tc.name, found, meant, tc.found, tc.meant)
		}
	}
}

// TestFileSums: the result records the SHA-256 of each analysed file
// of the named packages, read back from the cache too.
func TestFileSums(t *testing.T) {
	dir := writeModule(t, map[string]string{"helper/helper.go": helperSrc})
	name := filepath.Join(dir, "helper", "helper.go")
	want := fmt.Sprintf("%x", sha256.Sum256([]byte(helperSrc)))
	cache := t.TempDir()
	for range 2 {
		res, _ := run(t, driver.Options{Cache: cache})
		if got := res.Files[name]; got != want {
			t.Errorf("sum of %s = %q, want %q (files %v)", name, got, want, res.Files)
		}
	}
}
