package main

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/blockcheck/blockcheck/internal/sarif"
)

// TestApplyEditsAllOrNothing: when one file cannot be fixed, applyEdits
// names it and changes no file, not even those it had prepared.
func TestApplyEditsAllOrNothing(t *testing.T) {
	dir := t.TempDir()
	files := smallFiles(t, dir, "a.go", "b.go")
	a, b := files[0], files[1]
	analysed := sums(t, a, b)
	_, err := applyEdits(map[string][]edit{
		a: {{start: 20, end: 21, text: "2"}},  // fine
		b: {{start: 20, end: 999, text: "2"}}, // past the end
	}, analysed, os.Rename)
	if err == nil || !strings.Contains(err.Error(), "b.go") || !strings.Contains(err.Error(), "no file was written") {
		t.Fatalf("error %v, want one naming b.go and saying no file was written", err)
	}
	for _, f := range []string{a, b} {
		if data, _ := os.ReadFile(f); string(data) != "package p\n\nvar x = 1\n" {
			t.Errorf("%s changed: %q", f, data)
		}
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 2 {
		t.Errorf("temporary files left: %v", entries)
	}
	// An edit that breaks the syntax is refused the same way.
	if _, err := applyEdits(map[string][]edit{a: {{start: 0, end: 7, text: "pack"}}}, analysed, os.Rename); err == nil || !strings.Contains(err.Error(), "do not give valid Go") {
		t.Errorf("broken edit: %v", err)
	}
}

// smallFiles writes the same one-variable Go file under each name in
// dir and returns their paths.
func smallFiles(t *testing.T, dir string, names ...string) []string {
	t.Helper()
	var paths []string
	for _, n := range names {
		f := filepath.Join(dir, n)
		if err := os.WriteFile(f, []byte("package p\n\nvar x = 1\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, f)
	}
	return paths
}

// sums returns the SHA-256 of each file's content, as the driver
// records what it analysed.
func sums(t *testing.T, files ...string) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(data)
		out[f] = hex.EncodeToString(sum[:])
	}
	return out
}

// TestApplyEditsChangedFile: a file whose content is no longer the one
// analysed (an editor saved it, or another -fix got there first) is
// named, and no file is written.
func TestApplyEditsChangedFile(t *testing.T) {
	dir := t.TempDir()
	files := smallFiles(t, dir, "a.go", "b.go")
	a, b := files[0], files[1]
	analysed := sums(t, a, b)
	// Same length, other content: bounds checks would not see it.
	if err := os.WriteFile(b, []byte("package p\n\nvar y = 1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	written, err := applyEdits(map[string][]edit{
		a: {{start: 20, end: 21, text: "2"}},
		b: {{start: 20, end: 21, text: "2"}},
	}, analysed, os.Rename)
	if err == nil || !strings.Contains(err.Error(), "b.go changed since it was analysed") || !strings.Contains(err.Error(), "another blockcheck -fix") || len(written) != 0 {
		t.Fatalf("written %v, error %v", written, err)
	}
	if data, _ := os.ReadFile(a); string(data) != "package p\n\nvar x = 1\n" {
		t.Errorf("a.go changed: %q", data)
	}
}

// TestApplyEditsReportsWhatWasWritten: when a file cannot be replaced
// after others were, the error names it and the files not written, and
// the files written are returned: never "changed nothing" after a
// change.
func TestApplyEditsReportsWhatWasWritten(t *testing.T) {
	dir := t.TempDir()
	names := smallFiles(t, dir, "a.go", "b.go", "c.go")
	edits := map[string][]edit{}
	for _, f := range names {
		edits[f] = []edit{{start: 20, end: 21, text: "2"}}
	}
	failOnB := func(from, to string) error {
		if filepath.Base(to) == "b.go" {
			return errors.New("operation not permitted")
		}
		return os.Rename(from, to)
	}
	written, err := applyEdits(edits, sums(t, names...), failOnB)
	if len(written) != 1 || filepath.Base(written[0]) != "a.go" {
		t.Errorf("written %v, want a.go", written)
	}
	if err == nil || !strings.Contains(err.Error(), "writing "+names[1]) || !strings.Contains(err.Error(), "not written: "+names[1]+", "+names[2]) {
		t.Errorf("error %v", err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 3 {
		t.Errorf("temporary files left: %v", entries)
	}
}

// TestCollectEditsRefusesOverlaps: a fix that overlaps one already
// taken is skipped whole, with a message naming it; duplicates from a
// test variant count once.
func TestCollectEditsRefusesOverlaps(t *testing.T) {
	fix := func(start, end int) []sarif.SuggestedFix {
		return []sarif.SuggestedFix{{Message: "Use X", Edits: []sarif.TextEdit{{Filename: "f.go", Start: start, End: end, New: "x"}}}}
	}
	pkgs := []sarif.Package{{ID: "p", Analyzers: []sarif.AnalyzerResult{{Name: "blockcheck", Diagnostics: []sarif.Diagnostic{
		{Posn: "f.go:1:1", SuggestedFixes: fix(0, 5)},
		{Posn: "f.go:1:1", SuggestedFixes: fix(0, 5)}, // the same, from a test variant
		{Posn: "f.go:1:3", SuggestedFixes: fix(3, 8)}, // overlaps the first
		{Posn: "f.go:2:1", SuggestedFixes: fix(10, 12)},
	}}}}}
	files, skipped := collectEdits(pkgs)
	if len(files["f.go"]) != 2 || len(skipped) != 1 || !strings.Contains(skipped[0], "f.go:1:3") {
		t.Errorf("edits %v, skipped %q", files, skipped)
	}
}

// TestCollectEditsSharesIdenticalEdits: two fixes that both add the
// same import (the same bytes at the same place) are both applied, and
// the shared edit is made once.
func TestCollectEditsSharesIdenticalEdits(t *testing.T) {
	imp := sarif.TextEdit{Filename: "f.go", Start: 20, End: 20, New: "\n\t\"context\""}
	pkgs := []sarif.Package{{ID: "p", Analyzers: []sarif.AnalyzerResult{{Name: "blockcheck", Diagnostics: []sarif.Diagnostic{
		{Posn: "f.go:3:1", SuggestedFixes: []sarif.SuggestedFix{{Message: "A", Edits: []sarif.TextEdit{imp, {Filename: "f.go", Start: 40, End: 41, New: "a"}}}}},
		{Posn: "f.go:5:1", SuggestedFixes: []sarif.SuggestedFix{{Message: "B", Edits: []sarif.TextEdit{{Filename: "f.go", Start: 60, End: 61, New: "b"}, imp}}}},
	}}}}}
	files, skipped := collectEdits(pkgs)
	if len(files["f.go"]) != 3 || len(skipped) != 0 {
		t.Errorf("edits %v, skipped %q", files, skipped)
	}
}

// TestTakenEdits: the overlap index answers as a scan of every edit
// taken would, insertions and edits sharing a start included.
func TestTakenEdits(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for range 200 {
		type span struct{ start, end int }
		var all []span
		for range 1 + rng.IntN(40) {
			start := rng.IntN(50)
			all = append(all, span{start, start + rng.IntN(6)})
		}
		var starts []int
		for _, s := range all {
			starts = append(starts, s.start)
		}
		idx := newTakenEdits(starts)
		var taken []span
		for _, e := range all {
			want := false
			for _, o := range taken {
				if e.start < o.end && o.start < e.end || e.start == o.start {
					want = true
				}
			}
			if got := idx.overlaps(e.start, e.end); got != want {
				t.Fatalf("edit %v against %v: overlaps %v, want %v", e, taken, got, want)
			}
			if !want || rng.IntN(4) == 0 { // now and then take a conflicting one too
				taken = append(taken, e)
				idx.add(e.start, e.end)
			}
		}
	}
}

// TestApplyAll: applying the edits in one pass gives what applying them
// one by one from the last gives, edits that overlap or share a start
// included, and refuses the same edits.
func TestApplyAll(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for range 500 {
		src := []byte(strings.Repeat("abcdefghij", 1+rng.IntN(4)))
		var edits []edit
		for range rng.IntN(6) {
			start := rng.IntN(len(src) + 3)
			edits = append(edits, edit{start, start + rng.IntN(5) - 1, strings.Repeat("X", rng.IntN(3))})
		}
		slices.SortFunc(edits, func(a, b edit) int { return b.start - a.start })
		want, wantErr := slices.Clone(src), false
		for _, e := range edits {
			if e.start < 0 || e.end > len(want) || e.start > e.end {
				wantErr = true
				break
			}
			want = append(want[:e.start], append([]byte(e.text), want[e.end:]...)...)
		}
		got, err := applyAll(src, edits)
		switch {
		case (err != nil) != wantErr:
			t.Fatalf("edits %v on %q: error %v, want error %v", edits, src, err, wantErr)
		case err == nil && string(got) != string(want):
			t.Fatalf("edits %v on %q: %q, want %q", edits, src, got, want)
		}
	}
}
