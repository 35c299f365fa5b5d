package main_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// These tests check the driver: the command analyses each package in
// its own go vet process, in dependency order, with facts passed along
// and results cached.

// twoPackages is a module whose handler calls a helper in another
// package that sleeps: only the facts of the helper's package can tell.
func twoPackages(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"go.mod": "module example.com/m\n\ngo 1.26\n",
		"helper/helper.go": `package helper

import "time"

func Wait() {
	time.Sleep(time.Second)
}
`,
		"api/api.go": `package api

import (
	"net/http"

	"example.com/m/helper"
)

func Handle(w http.ResponseWriter, r *http.Request) {
	helper.Wait()
}
`,
	}
	for name, content := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestAcrossPackages: the finding in api comes from the fact exported
// by helper, and the text output shows the chain, one tab-indented
// line per step, with paths relative to the working directory.
func TestAcrossPackages(t *testing.T) {
	bin := build(t)
	out, code := run(t, twoPackages(t), bin, "./...")
	want := []string{
		"api/api.go:10:2: call to helper.Wait in HTTP handler Handle blocks in time.Sleep",
		"api/api.go:9:6: \tentry point: HTTP handler Handle",
		"helper/helper.go:5:1: \thelper.Wait blocks in time.Sleep at helper.go:6",
	}
	for _, w := range want {
		if !strings.Contains(out, w) {
			t.Errorf("output lacks %q:\n%s", w, out)
		}
	}
	if code != 3 {
		t.Errorf("exit %d, want 3", code)
	}
}

// TestResultsCached: a second run on unchanged code analyses nothing
// again but reads every package's findings and facts back from the
// cache (BLOCKCHECK_DEBUG=cache says which), and reports the same; a
// changed file is analysed again, with the package that imports it.
func TestResultsCached(t *testing.T) {
	bin := build(t)
	dir := twoPackages(t)
	t.Setenv("BLOCKCHECK_CACHE", t.TempDir())
	t.Setenv("BLOCKCHECK_DEBUG", "cache")
	first, code1 := run(t, dir, bin, "./...")
	second, code2 := run(t, dir, bin, "./...")
	for _, want := range []string{"analysed example.com/m/api", "analysed example.com/m/helper"} {
		if !strings.Contains(first, want) {
			t.Errorf("first run lacks %q:\n%s", want, first)
		}
	}
	for _, want := range []string{"cached   example.com/m/api", "cached   example.com/m/helper"} {
		if !strings.Contains(second, want) {
			t.Errorf("second run lacks %q:\n%s", want, second)
		}
	}
	if code1 != 3 || code2 != 3 || !strings.Contains(second, "blocks in time.Sleep") {
		t.Errorf("exits %d and %d, second output:\n%s", code1, code2, second)
	}
	// The helper stops blocking: both packages are analysed again,
	// and the finding goes.
	helper := filepath.Join(dir, "helper", "helper.go")
	if err := os.WriteFile(helper, []byte("package helper\n\nfunc Wait() {}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	third, code3 := run(t, dir, bin, "./...")
	if code3 != 0 || !strings.Contains(third, "analysed example.com/m/helper") || !strings.Contains(third, "analysed example.com/m/api") {
		t.Errorf("after the change: exit %d\n%s", code3, third)
	}
}

// TestDriverFlags covers the flags the driver handles itself.
func TestDriverFlags(t *testing.T) {
	bin := build(t)
	for _, tc := range []struct {
		name string
		src  string
		args []string
		code int
		out  []string
	}{
		{"context lines", blocking, []string{"-c", "1", "./..."}, 3, []string{"m.go:9:2: time.Sleep", "8\tfunc Handle", "9\t\ttime.Sleep(time.Second)", "10\t}"}},
		{"test flag", blocking, []string{"-test=false", "./..."}, 2, []string{"-test has no effect", "use -tests"}},
		{"tags", "//go:build special\n\n" + blocking, []string{"-tags=special", "./..."}, 3, []string{"time.Sleep in HTTP handler"}},
		{"tags unset", "//go:build special\n\n" + blocking, []string{"./..."}, 1, []string{"no packages to analyse"}},
		{"diff", fixable, []string{"-fix", "-diff", "./..."}, 0, []string{"-func A(ctx context.Context, db *sql.DB) { _, _ = db.Query(\"select 1\") }", "+func A(ctx context.Context, db *sql.DB) { _, _ = db.QueryContext(ctx, \"select 1\") }"}},
		{"diff with a type error", "package m\n\nfunc f() { undefined() }\n", []string{"-fix", "-diff", "./..."}, 1, []string{"undefined"}},
		{"diff and json", fixable, []string{"-diff", "-json", "./..."}, 2, []string{"-diff and -json cannot be used together"}},
		{"json with a type error", "package m\n\nfunc f() { undefined() }\n", []string{"-json", "./..."}, 1, []string{"undefined"}},
		{"no packages", clean, nil, 2, []string{"no packages given"}},
		{"help", clean, []string{"-h"}, 0, []string{"Usage: blockcheck [flags] packages...", "-disable value"}},
		{"bad entry", clean, []string{"-entry=notafunc", "./..."}, 2, []string{`"notafunc" is not a function's full name`}},
		{"entry", "package m\n\nimport \"time\"\n\nfunc Loop() { time.Sleep(1) }\n", []string{"-entry=example.com/m.Loop", "./..."}, 3, []string{"time.Sleep in"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := module(t, tc.src)
			before := snapshot(t, dir)
			out, code := run(t, dir, bin, tc.args...)
			if code != tc.code {
				t.Errorf("exit %d, want %d; output:\n%s", code, tc.code, out)
			}
			for _, w := range tc.out {
				if !strings.Contains(out, w) {
					t.Errorf("output lacks %q:\n%s", w, out)
				}
			}
			if snapshot(t, dir) != before {
				t.Error("the files changed")
			}
		})
	}
}

// TestOtherModulesCond: a Cond.Wait inside another module is that
// module's protocol and is not followed into callers; the same wait in
// the module itself is.
func TestOtherModulesCond(t *testing.T) {
	bin := build(t)
	root := t.TempDir()
	files := map[string]string{
		"lib/go.mod": "module example.com/lib\n\ngo 1.26\n",
		"lib/lib.go": `package lib

import "sync"

type Map struct {
	mu   sync.Mutex
	cond *sync.Cond
	busy bool
}

// Wait waits out a resize.
func (m *Map) Wait() {
	m.mu.Lock()
	for m.busy {
		m.cond.Wait()
	}
	m.mu.Unlock()
}
`,
		"app/go.mod": "module example.com/app\n\ngo 1.26\n\nrequire example.com/lib v0.0.0\n\nreplace example.com/lib => ../lib\n",
		"app/app.go": `package app

import (
	"context"

	"example.com/app/own"
	"example.com/lib"
)

func Handle(ctx context.Context, m *lib.Map, o *own.Map) {
	m.Wait()
	o.Wait()
}
`,
		"app/own/own.go": `package own

import "sync"

type Map struct {
	mu   sync.Mutex
	cond *sync.Cond
	busy bool
}

func (m *Map) Wait() {
	m.mu.Lock()
	for m.busy {
		m.cond.Wait()
	}
	m.mu.Unlock()
}
`,
	}
	for name, content := range files {
		path := filepath.Join(root, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out, code := run(t, filepath.Join(root, "app"), bin, "./...")
	if code != 3 || !strings.Contains(out, "call to (*own.Map).Wait in Handle") || strings.Contains(out, "(*lib.Map).Wait") {
		t.Errorf("exit %d:\n%s", code, out)
	}
}
