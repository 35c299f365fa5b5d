package main

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"io"
	"maps"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/blockcheck/blockcheck/internal/sarif"
)

// runFix applies the suggested fixes itself instead of leaving it to
// go vet, which writes each file in place: here no file is
// half-written. It collects the fixes from the analysis, refuses a fix
// that overlaps one already taken (naming it: a second -fix applies
// it), leaves generated files alone, checks that each file is still
// the one analysed, formats it and checks it still parses, prepares
// every file in a temporary file next to it with the original's
// permissions, and only then renames them all into place. If any file
// cannot be prepared, no file is changed. It says which files it
// wrote, then analyses the packages once more to report what is left,
// with its exit status.
func runFix(o *options, stdout, stderr io.Writer) int {
	res, err := analyse(o, stderr)
	if err != nil {
		fmt.Fprintf(stderr, "blockcheck: %v\n", err)
		return 1
	}
	if res.failed {
		fmt.Fprintln(stderr, "blockcheck: -fix wrote no file: the packages could not be analysed")
		return badNames(o, res, report(o, res, stdout, stderr), stderr)
	}
	edits, skipped := collectEdits(res.pkgs)
	for _, s := range skipped {
		fmt.Fprintf(stderr, "blockcheck: %s\n", s)
	}
	written, err := applyEdits(edits, res.run.Files, os.Rename)
	wd, _ := os.Getwd()
	if err != nil {
		fmt.Fprintf(stderr, "blockcheck: -fix: %v\n", err)
		if len(written) > 0 {
			fmt.Fprintf(stderr, "blockcheck: -fix wrote %d file(s) before that: %s\n", len(written), relNames(wd, written))
		}
		return 1
	}
	if len(written) == 0 {
		return badNames(o, res, report(o, res, stdout, stderr), stderr)
	}
	fmt.Fprintf(stderr, "blockcheck: -fix wrote %d file(s): %s\n", len(written), relNames(wd, written))
	// Report what is left.
	res, err = analyse(o, stderr)
	if err != nil {
		fmt.Fprintf(stderr, "blockcheck: %v\n", err)
		return 1
	}
	return badNames(o, res, report(o, res, stdout, stderr), stderr)
}

// runDiff prints the fixes -fix would write as a unified diff, and
// writes nothing. Paths are relative to each file's module root, with
// git's a/ and b/ prefixes, so that `git apply` in the module root
// takes the output and gives what -fix writes. Like the other
// analysis drivers, -fix -diff exits 0 with or without a diff.
func runDiff(o *options, stdout, stderr io.Writer) int {
	res, err := analyse(o, stderr)
	if err != nil {
		fmt.Fprintf(stderr, "blockcheck: %v\n", err)
		return 1
	}
	if res.failed {
		writeText(res.pkgs, -1, io.Discard, stderr) // the errors
		fmt.Fprintln(stderr, "blockcheck: -fix -diff: the packages could not be analysed")
		return 1
	}
	edits, skipped := collectEdits(res.pkgs)
	for _, s := range skipped {
		fmt.Fprintf(stderr, "blockcheck: %s\n", s)
	}
	var out strings.Builder
	for _, name := range slices.Sorted(maps.Keys(edits)) {
		before, after, err := fixed(name, edits[name], res.run.Files[name])
		if err != nil {
			fmt.Fprintf(stderr, "blockcheck: -fix -diff: %v\n", err)
			return 1
		}
		if after != nil {
			out.WriteString(unifiedDiff(moduleRelative(name), before, after))
		}
	}
	io.WriteString(stdout, out.String())
	return badNames(o, res, 0, stderr)
}

// moduleRelative names a file relative to the root of its module, the
// nearest directory above it with a go.mod, in slash form.
func moduleRelative(name string) string {
	for dir := filepath.Dir(name); ; {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			if rel, err := filepath.Rel(dir, name); err == nil {
				return filepath.ToSlash(rel)
			}
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			break
		}
		dir = parent
	}
	return filepath.ToSlash(name)
}

// relNames joins file names, relative to dir where they are inside it.
func relNames(dir string, names []string) string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = relPosn(dir, n)
	}
	return strings.Join(out, ", ")
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

	type sameKey struct {
		file string
		e    edit
	}
	files := map[string][]edit{}
	seen := map[string]bool{}
	same := map[sameKey]bool{}
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
				// An edit that another fix already makes, byte for byte
				// (the same import added, the same parameter threaded),
				// is made once.
				var fresh []sarif.TextEdit
				for _, e := range fix.Edits {
					if !same[sameKey{e.Filename, edit{e.Start, e.End, e.New}}] {
						fresh = append(fresh, e)
					}
				}
				if conflict(taken, fresh) {
					skipped = append(skipped, fmt.Sprintf("%s: fix %q overlaps another fix and was not applied; run -fix again", d.Posn, fix.Message))
					continue
				}
				for _, e := range fresh {
					files[e.Filename] = append(files[e.Filename], edit{e.Start, e.End, e.New})
					taken[e.Filename].add(e.Start, e.End)
					same[sameKey{e.Filename, edit{e.Start, e.End, e.New}}] = true
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

// applyEdits writes every edited file, all or none, and returns the
// files it wrote. analysed holds the SHA-256 of each file's content as
// analysed: a file whose content differs now (an editor saved it, or
// another -fix ran at the same time) is not edited, and then no file
// is. rename moves a prepared file into place (os.Rename).
func applyEdits(files map[string][]edit, analysed map[string]string, rename func(string, string) error) ([]string, error) {
	type staged struct{ tmp, dst string }
	var ready []staged
	cleanup := func(from int) {
		for _, s := range ready[from:] {
			os.Remove(s.tmp)
		}
	}
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		tmp, err := stage(name, files[name], analysed[name])
		if err != nil {
			cleanup(0)
			return nil, fmt.Errorf("%v; no file was written", err)
		}
		if tmp != "" {
			ready = append(ready, staged{tmp, name})
		}
	}
	// Just before writing, check once more that every file is still
	// the one analysed and can be replaced, so that a failure is seen
	// before any file changes rather than half-way.
	for _, s := range ready {
		err := unchanged(s.dst, analysed[s.dst])
		if err == nil {
			err = writable(s.dst)
		}
		if err != nil {
			cleanup(0)
			return nil, fmt.Errorf("%v; no file was written", err)
		}
	}
	var written []string
	for i, s := range ready {
		if err := rename(s.tmp, s.dst); err != nil {
			cleanup(i)
			var left []string
			for _, r := range ready[i:] {
				left = append(left, r.dst)
			}
			return written, fmt.Errorf("writing %s: %v; not written: %s", s.dst, err, strings.Join(left, ", "))
		}
		written = append(written, s.dst)
	}
	return written, nil
}

// unchanged reports an error unless the file's content has the
// SHA-256 sum given, that of the content analysed.
func unchanged(name, sum string) error {
	data, err := os.ReadFile(name)
	if err != nil {
		return fmt.Errorf("reading %s: %v", name, err)
	}
	return sameContent(name, data, sum)
}

// sameContent reports an error unless data, the content of file name,
// has the SHA-256 sum given.
func sameContent(name string, data []byte, sum string) error {
	if sum == "" {
		return fmt.Errorf("%s was not among the files analysed", name)
	}
	if got := sha256.Sum256(data); hex.EncodeToString(got[:]) != sum {
		return fmt.Errorf("%s changed since it was analysed (saved by an editor, or fixed by another blockcheck -fix running at the same time); run -fix again", name)
	}
	return nil
}

// writable reports an error if the file cannot be opened for writing,
// or its directory cannot take the renamed file.
func writable(name string) error {
	f, err := os.OpenFile(name, os.O_WRONLY, 0)
	if err != nil {
		return fmt.Errorf("cannot write %s: %v", name, err)
	}
	return f.Close()
}

// applyAll applies edits, sorted from the last to the first, to src.
// Each edit is applied to the result of those after it, so it must
// stay within that result.
func applyAll(src []byte, edits []edit) ([]byte, error) {
	size, apart := len(src), true
	for i, e := range edits {
		if e.start < 0 || e.end > size || e.start > e.end {
			return nil, fmt.Errorf("a fix edits bytes %d-%d of a %d-byte file", e.start, e.end, len(src))
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
// it and returns its name, or "" when the file is generated. sum is the
// SHA-256 of the content analysed.
func stage(name string, edits []edit, sum string) (string, error) {
	_, formatted, err := fixed(name, edits, sum)
	if err != nil || formatted == nil {
		return "", err
	}
	info, err := os.Stat(name)
	if err != nil {
		return "", err
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

// fixed returns a file's content and its content with the edits
// applied and gofmt-formatted, after checking that the file is still
// the one analysed (sum is the SHA-256 of that content). The fixed
// content is nil for a generated file, which fixes leave alone.
func fixed(name string, edits []edit, sum string) (src, out []byte, err error) {
	src, err = os.ReadFile(name)
	if err != nil {
		return nil, nil, fmt.Errorf("reading %s: %v", name, err)
	}
	if err := sameContent(name, src, sum); err != nil {
		return nil, nil, err
	}
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, name, src, parser.ParseComments|parser.PackageClauseOnly)
	if err == nil && ast.IsGenerated(f) {
		return src, nil, nil
	}
	edits = slices.Clone(edits)
	slices.SortFunc(edits, func(a, b edit) int { return b.start - a.start })
	out, err = applyAll(src, edits)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %v", name, err)
	}
	formatted, err := format.Source(out)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: the fixes together do not give valid Go (%v); it was left unchanged", name, err)
	}
	return src, formatted, nil
}
