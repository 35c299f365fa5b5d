package main

import (
	"errors"
	"fmt"
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"

	"github.com/blockcheck/blockcheck/internal/sarif"
)

// runFix applies the suggested fixes itself instead of leaving it to
// go vet, which writes each file in place: here no file is
// half-written. It collects the fixes from the analysis, refuses a fix
// that overlaps one already taken (naming it: a second -fix applies
// it), leaves generated files alone, formats each file and checks it
// still parses, prepares every file in a temporary file next to it with
// the original's permissions, and only then renames them all into
// place. If any file cannot be prepared, no file is changed. It then
// analyses the packages once more to report what is left, with its
// exit status.
func runFix(o *options, stdout, stderr io.Writer) int {
	res, err := analyse(o, stderr)
	if err != nil {
		fmt.Fprintf(stderr, "blockcheck: %v\n", err)
		return 1
	}
	if res.failed {
		fmt.Fprintln(stderr, "blockcheck: -fix changed nothing: the packages could not be analysed")
		return 1
	}
	edits, skipped := collectEdits(res.pkgs)
	for _, s := range skipped {
		fmt.Fprintf(stderr, "blockcheck: %s\n", s)
	}
	n, err := applyEdits(edits)
	if err != nil {
		fmt.Fprintf(stderr, "blockcheck: -fix changed nothing: %v\n", err)
		return 1
	}
	if n == 0 {
		return report(o, res, stdout, stderr)
	}
	fmt.Fprintf(stderr, "blockcheck: applied fixes to %d file(s)\n", n)
	// Report what is left.
	res, err = analyse(o, stderr)
	if err != nil {
		fmt.Fprintf(stderr, "blockcheck: %v\n", err)
		return 1
	}
	return report(o, res, stdout, stderr)
}

// edit is one replacement of bytes [start, end) of a file.
type edit struct {
	start, end int
	text       string
}

// collectEdits gathers the first fix of every finding, once (a package
// and its test variant report the same finding), per file, and skips a
// fix any of whose edits overlaps an edit already taken.
func collectEdits(pkgs []sarif.Package) (map[string][]edit, []string) {
	// Every start an edit may have, per file, for the overlap queries.
	starts := map[string][]int{}
	for _, p := range pkgs {
		for _, a := range p.Analyzers {
			for _, d := range a.Diagnostics {
				if len(d.SuggestedFixes) > 0 {
					for _, e := range d.SuggestedFixes[0].Edits {
						starts[e.Filename] = append(starts[e.Filename], e.Start)
					}
				}
			}
		}
	}
	taken := map[string]*takenEdits{}
	for name, s := range starts {
		taken[name] = newTakenEdits(s)
	}

	files := map[string][]edit{}
	seen := map[string]bool{}
	var skipped []string
	for _, p := range pkgs {
		for _, a := range p.Analyzers {
			for _, d := range a.Diagnostics {
				if len(d.SuggestedFixes) == 0 {
					continue
				}
				fix := d.SuggestedFixes[0]
				key := fmt.Sprint(fix.Edits)
				if seen[key] {
					continue
				}
				seen[key] = true
				if conflict(taken, fix.Edits) {
					skipped = append(skipped, fmt.Sprintf("%s: fix %q overlaps another fix and was not applied; run -fix again", d.Posn, fix.Message))
					continue
				}
				for _, e := range fix.Edits {
					files[e.Filename] = append(files[e.Filename], edit{e.Start, e.End, e.New})
					taken[e.Filename].add(e.Start, e.End)
				}
			}
		}
	}
	return files, skipped
}

// conflict reports whether an edit overlaps one already taken in its
// file. Two insertions at one point conflict too: their order would be
// a guess.
func conflict(taken map[string]*takenEdits, edits []sarif.TextEdit) bool {
	for _, e := range edits {
		if taken[e.Filename].overlaps(e.Start, e.End) {
			return true
		}
	}
	return false
}

// takenEdits are the edits of one file taken so far, kept so that
// whether a new edit overlaps one of them is found in logarithmic
// time: a Fenwick tree, over every start an edit of the file may have,
// of the furthest end of the edits taken that start there or before.
type takenEdits struct {
	starts []int        // sorted, distinct
	maxEnd []int        // the Fenwick tree, 1-based
	at     map[int]bool // the starts taken
}

func newTakenEdits(starts []int) *takenEdits {
	slices.Sort(starts)
	starts = slices.Compact(starts)
	t := &takenEdits{starts: starts, maxEnd: make([]int, len(starts)+1), at: map[int]bool{}}
	for i := range t.maxEnd {
		t.maxEnd[i] = math.MinInt
	}
	return t
}

// add takes the edit of bytes [start, end); start is one of t's starts.
func (t *takenEdits) add(start, end int) {
	i, _ := slices.BinarySearch(t.starts, start)
	for i++; i < len(t.maxEnd); i += i & -i {
		t.maxEnd[i] = max(t.maxEnd[i], end)
	}
	t.at[start] = true
}

// overlaps reports whether an edit of bytes [start, end) overlaps an
// edit taken, or starts where one does.
func (t *takenEdits) overlaps(start, end int) bool {
	if t.at[start] {
		return true
	}
	// The furthest end among the edits taken that start before end.
	k, _ := slices.BinarySearch(t.starts, end)
	furthest := math.MinInt
	for i := k; i > 0; i -= i & -i {
		furthest = max(furthest, t.maxEnd[i])
	}
	return furthest > start
}

// applyEdits writes every edited file, all or none, and returns how
// many it changed.
func applyEdits(files map[string][]edit) (int, error) {
	type staged struct{ tmp, dst string }
	var ready []staged
	cleanup := func() {
		for _, s := range ready {
			os.Remove(s.tmp)
		}
	}
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		tmp, err := stage(name, files[name])
		if err != nil {
			cleanup()
			return 0, err
		}
		if tmp != "" {
			ready = append(ready, staged{tmp, name})
		}
	}
	for i, s := range ready {
		if err := os.Rename(s.tmp, s.dst); err != nil {
			for _, r := range ready[i:] {
				os.Remove(r.tmp)
			}
			return i, fmt.Errorf("writing %s: %v (the %d file(s) before it were fixed)", s.dst, err, i)
		}
	}
	return len(ready), nil
}

// applyAll applies edits, sorted from the last to the first, to src.
// Each edit is applied to the result of those after it, so it must
// stay within that result.
func applyAll(src []byte, edits []edit) ([]byte, error) {
	size, apart := len(src), true
	for i, e := range edits {
		if e.start < 0 || e.end > size || e.start > e.end {
			return nil, fmt.Errorf("a fix edits bytes %d-%d of a %d-byte file: the file changed since it was analysed", e.start, e.end, len(src))
		}
		size += len(e.text) - (e.end - e.start)
		apart = apart && (i == 0 || e.end <= edits[i-1].start)
	}
	if !apart {
		// Edits that overlap: each on the result of the others.
		out := slices.Clone(src)
		for _, e := range edits {
			out = append(out[:e.start], append([]byte(e.text), out[e.end:]...)...)
		}
		return out, nil
	}
	// Edits apart from each other, as -fix takes them: the result is
	// written in one pass, from the first edit to the last, instead of
	// moving the rest of the file at every edit.
	out := make([]byte, 0, size)
	at := 0
	for i := len(edits) - 1; i >= 0; i-- {
		e := edits[i]
		out = append(append(out, src[at:e.start]...), e.text...)
		at = e.end
	}
	return append(out, src[at:]...), nil
}

// stage writes the fixed content of one file to a temporary file beside
// it and returns its name, or "" when the file is generated.
func stage(name string, edits []edit) (string, error) {
	src, err := os.ReadFile(name)
	if err != nil {
		return "", fmt.Errorf("reading %s: %v", name, err)
	}
	info, err := os.Stat(name)
	if err != nil {
		return "", err
	}
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, name, src, parser.ParseComments|parser.PackageClauseOnly)
	if err == nil && ast.IsGenerated(f) {
		return "", nil
	}
	slices.SortFunc(edits, func(a, b edit) int { return b.start - a.start })
	out, err := applyAll(src, edits)
	if err != nil {
		return "", fmt.Errorf("%s: %v", name, err)
	}
	formatted, err := format.Source(out)
	if err != nil {
		return "", fmt.Errorf("%s: the fixed file does not parse (%v); it was left unchanged", name, err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(name), "."+filepath.Base(name)+".blockcheck-*")
	if err != nil {
		return "", fmt.Errorf("cannot write next to %s: %v", name, err)
	}
	_, werr := tmp.Write(formatted)
	cerr := tmp.Close()
	merr := os.Chmod(tmp.Name(), info.Mode().Perm())
	if err := errors.Join(werr, cerr, merr); err != nil {
		os.Remove(tmp.Name())
		return "", fmt.Errorf("writing %s: %v", name, err)
	}
	return tmp.Name(), nil
}
