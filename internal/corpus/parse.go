package main

import (
	"bufio"
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// module is one row of the corpus TSV.
type module struct {
	Path, Version, Kind, Notes string
}

// parseCorpus reads the corpus TSV: a header line, then
// module<TAB>version[<TAB>kind[<TAB>notes]] rows. Blank lines and lines
// starting with # are skipped so the file can be annotated by hand.
func parseCorpus(r io.Reader) ([]module, error) {
	sc := bufio.NewScanner(r)
	var mods []module
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimRight(sc.Text(), "\r")
		f := strings.Split(line, "\t")
		if n == 1 {
			// Insist on the header so that a file without one does not
			// silently lose its first module.
			if strings.TrimSpace(f[0]) != "module" {
				return nil, fmt.Errorf("line 1: want a header starting with \"module\", got %q", line)
			}
			continue
		}
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		for i := range f {
			f[i] = strings.TrimSpace(f[i])
		}
		if len(f) < 2 || f[0] == "" || f[1] == "" {
			return nil, fmt.Errorf("line %d: want module<TAB>version[<TAB>kind<TAB>notes], got %q", n, line)
		}
		m := module{Path: f[0], Version: f[1]}
		if len(f) > 2 {
			m.Kind = f[2]
		}
		if len(f) > 3 {
			m.Notes = f[3]
		}
		mods = append(mods, m)
	}
	return mods, sc.Err()
}

// finding is one diagnostic, as written to findings.json.
type finding struct {
	Module   string    `json:"module"`
	Version  string    `json:"version"`
	Package  string    `json:"package"`
	Posn     string    `json:"posn"`
	End      string    `json:"end,omitempty"`
	Category string    `json:"category"`
	Message  string    `json:"message"`
	Related  []related `json:"related,omitempty"`
	HasFix   bool      `json:"has_fix"`
}

type related struct {
	Posn    string `json:"posn"`
	Message string `json:"message"`
}

// analysisError is an {"error": ...} entry of the driver output: the
// analysis of that package failed (or was skipped because it did not
// type-check).
type analysisError struct {
	Package string `json:"package"`
	Error   string `json:"error"`
}

// jsonDiag is the subset of the driver's JSONDiagnostic that we keep.
type jsonDiag struct {
	Category       string            `json:"category"`
	Posn           string            `json:"posn"`
	End            string            `json:"end"`
	Message        string            `json:"message"`
	SuggestedFixes []json.RawMessage `json:"suggested_fixes"`
	Related        []related         `json:"related"`
}

// decodeDriverOutput decodes what `singlechecker -json` prints: an object
// mapping package ID -> analyzer name -> either a list of diagnostics or
// {"error": "..."}. It accepts several objects one after another (a driver
// may print one per invocation) and returns what it decoded before any
// error. Results are ordered by package, then position, because Go maps
// (and thus the driver's output) have no stable order.
func decodeDriverOutput(r io.Reader) (fs []finding, errs []analysisError, err error) {
	dec := json.NewDecoder(r)
	defer func() {
		slices.SortFunc(fs, func(a, b finding) int {
			return cmp.Or(cmp.Compare(a.Package, b.Package), comparePosn(a.Posn, b.Posn))
		})
		slices.SortFunc(errs, func(a, b analysisError) int { return cmp.Compare(a.Package, b.Package) })
	}()
	for {
		var tree map[string]map[string]json.RawMessage
		if err := dec.Decode(&tree); err == io.EOF {
			return fs, errs, nil
		} else if err != nil {
			return fs, errs, fmt.Errorf("decoding driver output: %v", err)
		}
		for _, pkg := range slices.Sorted(maps.Keys(tree)) {
			for _, name := range slices.Sorted(maps.Keys(tree[pkg])) {
				raw := bytes.TrimSpace(tree[pkg][name])
				if len(raw) > 0 && raw[0] == '{' {
					var e struct {
						Error string `json:"error"`
					}
					if err := json.Unmarshal(raw, &e); err != nil {
						return fs, errs, fmt.Errorf("package %s: %v", pkg, err)
					}
					errs = append(errs, analysisError{Package: pkg, Error: e.Error})
					continue
				}
				var diags []jsonDiag
				if err := json.Unmarshal(raw, &diags); err != nil {
					return fs, errs, fmt.Errorf("package %s: %v", pkg, err)
				}
				for _, d := range diags {
					fs = append(fs, finding{
						Package:  pkg,
						Posn:     d.Posn,
						End:      d.End,
						Category: d.Category,
						Message:  d.Message,
						Related:  d.Related,
						HasFix:   len(d.SuggestedFixes) > 0,
					})
				}
			}
		}
	}
}

// base is a directory that positions are made relative to, and what
// replaces it ("" for the module root itself, "$GOROOT/" for GOROOT).
type base struct{ dir, prefix string }

// relPos rewrites a "file:line:col" position so that file is relative to
// the first base containing it (slash-separated, after that base's
// prefix), which makes findings comparable across machines and cache
// locations. Other positions (the build cache, no file at all) are
// returned unchanged.
func relPos(posn string, bases ...base) string {
	file, suffix := splitPosn(posn)
	if !filepath.IsAbs(file) {
		return posn
	}
	for _, b := range bases {
		rel, err := filepath.Rel(b.dir, file)
		if err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			return b.prefix + filepath.ToSlash(rel) + suffix
		}
	}
	return posn
}

// splitPosn splits "file:line:col" (or "file:line", or "file") into the
// file name and the ":line:col" suffix. It works from the right because
// file names may themselves contain colons.
func splitPosn(posn string) (file, suffix string) {
	file = posn
	for range 2 {
		i := strings.LastIndexByte(file, ':')
		if i < 0 || !isDigits(file[i+1:]) {
			break
		}
		file = file[:i]
	}
	return file, posn[len(file):]
}

func isDigits(s string) bool {
	return s != "" && strings.Trim(s, "0123456789") == ""
}

// comparePosn orders positions by file, then numerically by line and column
// (plain string order would put line 10 before line 9).
func comparePosn(a, b string) int {
	fa, sa := splitPosn(a)
	fb, sb := splitPosn(b)
	if c := cmp.Compare(fa, fb); c != 0 {
		return c
	}
	na, nb := strings.Split(sa, ":"), strings.Split(sb, ":")
	for i := 1; i < min(len(na), len(nb)); i++ {
		x, _ := strconv.Atoi(na[i])
		y, _ := strconv.Atoi(nb[i])
		if c := cmp.Compare(x, y); c != 0 {
			return c
		}
	}
	return cmp.Compare(len(na), len(nb))
}
