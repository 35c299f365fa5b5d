package main

import (
	"reflect"
	"strings"
	"testing"
)

func TestParseCorpus(t *testing.T) {
	in := "module\tversion\tkind\tnotes\r\n" +
		"example.com/a\tv1.0.0\tlib\tsome notes\n" +
		"\n" +
		"# commented out\n" +
		"example.com/b/v2 \t v2.1.0\n"
	got, err := parseCorpus(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	want := []module{
		{Path: "example.com/a", Version: "v1.0.0", Kind: "lib", Notes: "some notes"},
		{Path: "example.com/b/v2", Version: "v2.1.0"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v, want %+v", got, want)
	}

	for _, bad := range []string{
		"example.com/a\tv1.0.0\n",             // no header
		"module\tversion\nexample.com/a\n",    // no version
		"module\tversion\n\tv1.0.0\tlib\tx\n", // no module
	} {
		if _, err := parseCorpus(strings.NewReader(bad)); err == nil {
			t.Errorf("parseCorpus(%q): no error", bad)
		}
	}
}

func TestDecodeDriverOutput(t *testing.T) {
	// Two objects back to back, as a driver run more than once would
	// print: findings in two packages (keys deliberately out of order),
	// one with a fix and related information, and one error entry.
	out := `{
	"example.com/m/b": {
		"blockcheck": [
			{"posn": "/w/m/b/b.go:10:2", "end": "/w/m/b/b.go:10:9", "message": "second", "category": "sleep"},
			{"posn": "/w/m/b/b.go:9:2", "end": "/w/m/b/b.go:9:9", "message": "first", "category": "sleep",
			 "suggested_fixes": [{"message": "fix", "edits": []}],
			 "related": [{"posn": "/w/m/b/b.go:3:6", "end": "/w/m/b/b.go:3:7", "message": "in f"}]}
		]
	},
	"example.com/m/a": {"blockcheck": [{"posn": "/w/m/a.go:1:1", "end": "/w/m/a.go:1:1", "message": "no category"}]}
}
{"example.com/m/c": {"blockcheck": {"error": "analysis skipped due to errors in package"}}}
`
	fs, errs, err := decodeDriverOutput(strings.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	want := []finding{
		{Package: "example.com/m/a", Posn: "/w/m/a.go:1:1", End: "/w/m/a.go:1:1", Message: "no category"},
		{Package: "example.com/m/b", Posn: "/w/m/b/b.go:9:2", End: "/w/m/b/b.go:9:9", Message: "first", Category: "sleep",
			HasFix: true, Related: []related{{Posn: "/w/m/b/b.go:3:6", Message: "in f"}}},
		{Package: "example.com/m/b", Posn: "/w/m/b/b.go:10:2", End: "/w/m/b/b.go:10:9", Message: "second", Category: "sleep"},
	}
	if !reflect.DeepEqual(fs, want) {
		t.Errorf("findings:\n got %+v\nwant %+v", fs, want)
	}
	wantErrs := []analysisError{{Package: "example.com/m/c", Error: "analysis skipped due to errors in package"}}
	if !reflect.DeepEqual(errs, wantErrs) {
		t.Errorf("errors: got %+v, want %+v", errs, wantErrs)
	}

	// Empty output (no packages with results) is fine; garbage is an
	// error, but what came before it is kept.
	if fs, errs, err := decodeDriverOutput(strings.NewReader("")); err != nil || fs != nil || errs != nil {
		t.Errorf("empty output: %v %v %v", fs, errs, err)
	}
	fs, _, err = decodeDriverOutput(strings.NewReader(`{"p": {"blockcheck": [{"posn": "x.go:1:1"}]}} panic: boom`))
	if err == nil || len(fs) != 1 {
		t.Errorf("trailing garbage: got %d findings, err %v", len(fs), err)
	}
}

func TestRelPos(t *testing.T) {
	bases := []base{{"/w/m", ""}, {"/gopath/pkg/mod", "$GOMODCACHE/"}, {"/usr/lib/go", "$GOROOT/"}}
	for _, tc := range []struct{ posn, want string }{
		{"/w/m/a.go:1:2", "a.go:1:2"},
		{"/w/m/sub/b.go:10:20", "sub/b.go:10:20"},
		{"/w/m/sub/b.go:10", "sub/b.go:10"},
		{"/w/m/sub/b.go", "sub/b.go"},
		{"/w/m/odd:name.go:3:4", "odd:name.go:3:4"},
		{"/w/mod/a.go:1:2", "/w/mod/a.go:1:2"}, // sibling with a common prefix
		{"/gopath/pkg/mod/example.com/d@v1.0.0/d.go:5:6", "$GOMODCACHE/example.com/d@v1.0.0/d.go:5:6"},
		{"/usr/lib/go/src/time/sleep.go:1:1", "$GOROOT/src/time/sleep.go:1:1"},
		{"/root/.cache/go-build/ab/x.go:1:1", "/root/.cache/go-build/ab/x.go:1:1"}, // under no base
		{"-", "-"},               // no position
		{"a.go:1:1", "a.go:1:1"}, // already relative
		{"", ""},
	} {
		if got := relPos(tc.posn, bases...); got != tc.want {
			t.Errorf("relPos(%q) = %q, want %q", tc.posn, got, tc.want)
		}
	}
}

// TestFixReport: the files -fix wrote and the fixes it skipped are read
// from its standard error.
func TestFixReport(t *testing.T) {
	stderr := []byte("blockcheck: a/b.go:3:1: fix \"Use X\" overlaps another fix and was not applied; run -fix again\n" +
		"blockcheck: -fix wrote 2 file(s): a/b.go, c.go\n")
	files, fixed := fixReport(stderr, 5)
	if len(files) != 2 || files[0] != "a/b.go" || files[1] != "c.go" || fixed != 4 {
		t.Errorf("files %q, fixed %d", files, fixed)
	}
	if files, fixed := fixReport(nil, 0); files != nil || fixed != 0 {
		t.Errorf("nothing written: files %q, fixed %d", files, fixed)
	}
}

// TestFixTable: one row per module run with -fix, and the share fixed.
func TestFixTable(t *testing.T) {
	yes, no := true, false
	got := fixTable([]result{
		{Module: "m1", Version: "v1", Findings: 4, Fixed: 3, FixBuildOK: &yes, VetBefore: &yes, Tests: "pass"},
		{Module: "m2", Version: "v2", Findings: 6, Fixed: 0, FixBuildOK: &no, FixError: "go build ./... after -fix: exit 1\nx.go:1: bad"},
		{Module: "m3", Version: "v3", Findings: 2},
	})
	for _, want := range []string{"| m1@v1 | 4 | 3 | yes | pass |", "| m2@v2 | 6 | 0 | NO: go build ./... after -fix: exit 1 | - |", "| total | 10 | 3 (30%) | | |"} {
		if !strings.Contains(got, want) {
			t.Errorf("table lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "m3") {
		t.Errorf("a module run without -fix is in the table:\n%s", got)
	}
}
