// Command recall turns the JSON output of blockcheck -json into one
// line per finding, for scripts/recall to match against the bugs of
// testdata/recall/bugs.tsv.
//
// Usage:
//
//	blockcheck -json PKG | go run ./internal/recall ROOT
//
// Each finding becomes "FILE<TAB>LINE<TAB>CATEGORY<TAB>MESSAGE" on
// standard output, FILE relative to ROOT (the module copy the command
// ran in) with forward slashes, sorted by file and line. Only the
// finding's own position is printed, not its related positions (the
// path from the entry point). An analysis error of a package is printed
// to standard error, and the exit status is then 1; output that is not
// the driver's JSON also exits 1.
package main

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: blockcheck -json PKG | recall ROOT")
		os.Exit(2)
	}
	fs, errs, err := decode(os.Stdin, os.Args[1])
	for _, f := range fs {
		fmt.Printf("%s\t%d\t%s\t%s\n", f.File, f.Line, f.Category, oneLine(f.Message))
	}
	for _, e := range errs {
		fmt.Fprintf(os.Stderr, "recall: %s\n", e)
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "recall: %v\n", err)
	}
	if err != nil || len(errs) > 0 {
		os.Exit(1)
	}
}

// finding is one diagnostic, at a position relative to the module root.
type finding struct {
	File     string
	Line     int
	Category string
	Message  string
}

// decode reads the driver's JSON (one object per run, possibly several
// back to back): {pkg: {analyzer: [diagnostic...] or {"error": msg}}}.
// It returns the findings with positions made relative to root, the
// analysis errors as "pkg: message", and an error for undecodable input.
func decode(r io.Reader, root string) ([]finding, []string, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, nil, err
	}
	var fs []finding
	var errs []string
	dec := json.NewDecoder(bytes.NewReader(data))
	for {
		var out map[string]map[string]json.RawMessage
		if err := dec.Decode(&out); err == io.EOF {
			break
		} else if err != nil {
			return fs, errs, fmt.Errorf("decoding blockcheck output: %v", err)
		}
		for pkg, byAnalyzer := range out {
			for _, raw := range byAnalyzer {
				var diags []struct {
					Posn     string `json:"posn"`
					Category string `json:"category"`
					Message  string `json:"message"`
				}
				if err := json.Unmarshal(raw, &diags); err != nil {
					var e struct {
						Error string `json:"error"`
					}
					if json.Unmarshal(raw, &e) != nil || e.Error == "" {
						return fs, errs, fmt.Errorf("package %s: unexpected entry %s", pkg, raw)
					}
					errs = append(errs, pkg+": "+e.Error)
					continue
				}
				for _, d := range diags {
					file, line, err := splitPosn(d.Posn)
					if err != nil {
						return fs, errs, fmt.Errorf("package %s: %v", pkg, err)
					}
					fs = append(fs, finding{File: relTo(root, file), Line: line, Category: d.Category, Message: d.Message})
				}
			}
		}
	}
	slices.SortFunc(fs, func(a, b finding) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Message, b.Message))
	})
	slices.Sort(errs)
	return fs, errs, nil
}

// splitPosn splits "file:line:col" (or "file:line") into file and line.
// The file may itself contain colons (a Windows drive letter).
func splitPosn(posn string) (string, int, error) {
	rest := posn
	for range 2 {
		i := strings.LastIndexByte(rest, ':')
		if i < 0 {
			break
		}
		if n, err := strconv.Atoi(rest[i+1:]); err == nil {
			// Keep going: the first number from the right may be the column.
			if j := strings.LastIndexByte(rest[:i], ':'); j >= 0 {
				if m, err := strconv.Atoi(rest[j+1 : i]); err == nil {
					return rest[:j], m, nil
				}
			}
			return rest[:i], n, nil
		}
		break
	}
	return "", 0, errors.New("bad position " + strconv.Quote(posn))
}

// relTo makes file relative to root when it lies under it; other files
// (in the module cache or GOROOT) keep their absolute names.
func relTo(root, file string) string {
	if rel, err := filepath.Rel(root, file); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return filepath.ToSlash(rel)
	}
	return filepath.ToSlash(file)
}

// oneLine keeps a message on one TSV line.
func oneLine(s string) string {
	return strings.NewReplacer("\t", " ", "\n", " ").Replace(s)
}
