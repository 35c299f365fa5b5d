package main

import (
	"reflect"
	"strings"
	"testing"
)

func TestDecode(t *testing.T) {
	// Two objects back to back, as a driver run twice prints: findings in
	// two packages, one with related positions (not printed), one outside
	// the root, and an analysis error.
	out := `{
	"example.com/m/b": {
		"blockcheck": [
			{"posn": "/w/m/b/b.go:10:2", "end": "/w/m/b/b.go:10:9", "message": "second\tpart", "category": "sleep"},
			{"posn": "/w/m/b/b.go:9:2", "message": "first", "category": "chan",
			 "related": [{"posn": "/w/m/b/a.go:3:6", "message": "entry point: go statement"}]}
		]
	},
	"example.com/m/a": {"blockcheck": [{"posn": "/cache/x@v1/x.go:1:1", "message": "elsewhere"}]}
}
{"example.com/m/c": {"blockcheck": {"error": "analysis skipped due to errors in package"}}}
`
	fs, errs, err := decode(strings.NewReader(out), "/w/m")
	if err != nil {
		t.Fatal(err)
	}
	want := []finding{
		{File: "/cache/x@v1/x.go", Line: 1, Message: "elsewhere"},
		{File: "b/b.go", Line: 9, Category: "chan", Message: "first"},
		{File: "b/b.go", Line: 10, Category: "sleep", Message: "second\tpart"},
	}
	if !reflect.DeepEqual(fs, want) {
		t.Errorf("findings:\n got %+v\nwant %+v", fs, want)
	}
	if want := []string{"example.com/m/c: analysis skipped due to errors in package"}; !reflect.DeepEqual(errs, want) {
		t.Errorf("errors: got %q, want %q", errs, want)
	}
	if got := oneLine("a\tb\nc"); got != "a b c" {
		t.Errorf("oneLine: %q", got)
	}

	// No packages with results is fine; garbage is an error.
	if fs, errs, err := decode(strings.NewReader(""), "/w"); err != nil || fs != nil || errs != nil {
		t.Errorf("empty output: %v %v %v", fs, errs, err)
	}
	if _, _, err := decode(strings.NewReader(`{"p": {"blockcheck": [{"posn": "x.go:1:1"}]}} panic: boom`), "/w"); err == nil {
		t.Error("trailing garbage: no error")
	}
	if _, _, err := decode(strings.NewReader(`{"p": {"blockcheck": [{"posn": "nowhere"}]}}`), "/w"); err == nil {
		t.Error("bad position: no error")
	}
}

func TestSplitPosn(t *testing.T) {
	for _, c := range []struct {
		in   string
		file string
		line int
	}{
		{"/a/b.go:12:3", "/a/b.go", 12},
		{"/a/b.go:12", "/a/b.go", 12},
		{`C:\a\b.go:7:1`, `C:\a\b.go`, 7},
	} {
		file, line, err := splitPosn(c.in)
		if err != nil || file != c.file || line != c.line {
			t.Errorf("splitPosn(%q) = %q, %d, %v; want %q, %d", c.in, file, line, err, c.file, c.line)
		}
	}
	if _, _, err := splitPosn("b.go"); err == nil {
		t.Error("splitPosn(b.go): no error")
	}
}
