package main

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/blockcheck/blockcheck/internal/sarif"
)

// report prints the result in the chosen format and returns the exit
// status: 1 if something failed, else for text 3 with findings and 0
// without; JSON and SARIF exit 0 with findings, so that a CI step can
// keep the report.
func report(o *options, res *result, stdout, stderr io.Writer) int {
	var err error
	switch {
	case o.format == "sarif":
		err = writeSARIF(res, stdout)
	case o.json:
		err = writeJSON(res.pkgs, stdout)
	default:
		n := writeText(res.pkgs, o.context, stdout, stderr)
		if err == nil && !res.failed && n > 0 {
			return 3
		}
	}
	if err != nil {
		fmt.Fprintf(stderr, "blockcheck: %v\n", err)
		return 1
	}
	if res.failed {
		return 1
	}
	return 0
}

func writeSARIF(res *result, w io.Writer) error {
	root, err := os.Getwd()
	if err != nil {
		return err
	}
	var raw bytes.Buffer
	if err := writeJSON(res.pkgs, &raw); err != nil {
		return err
	}
	if err := (sarif.Options{Root: root}).Convert(&raw, w); err != nil {
		return fmt.Errorf("writing SARIF: %v", err)
	}
	return nil
}

// writeJSON prints one JSON object for all packages, in the form every
// golang.org/x/tools analysis driver prints with -json: package id, then
// analyzer name, then its findings or {"error": "..."}.
func writeJSON(pkgs []sarif.Package, w io.Writer) error {
	tree := map[string]map[string]any{}
	for _, p := range pkgs {
		for _, a := range p.Analyzers {
			var v any = a.Diagnostics
			if a.Error != "" {
				v = map[string]string{"error": a.Error}
			} else if len(a.Diagnostics) == 0 {
				continue
			}
			if tree[p.ID] == nil {
				tree[p.ID] = map[string]any{}
			}
			tree[p.ID][a.Name] = v
		}
	}
	data, err := json.MarshalIndent(tree, "", "\t")
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(w, "%s\n", data)
	return err
}

// writeText prints each finding once on w, sorted by position, as
// "file:line:col: message", with the call chain below it indented by a
// tab as go vet prints related positions, and the source around it
// when context >= 0. Files under the working directory are named
// relative to it. A package's error goes to errw. It returns the
// number of findings.
func writeText(pkgs []sarif.Package, context int, w, errw io.Writer) int {
	type finding struct {
		sarif.Diagnostic
		file      string
		line, col int
	}
	var all []finding
	seen := map[string]bool{}
	for _, p := range pkgs {
		for _, a := range p.Analyzers {
			if a.Error != "" {
				fmt.Fprintf(errw, "blockcheck: %s: %s\n", p.ID, a.Error)
			}
			for _, d := range a.Diagnostics {
				if key := d.Posn + "\x00" + d.Message; !seen[key] {
					seen[key] = true
					file, line, col := splitPosn(d.Posn)
					all = append(all, finding{d, file, line, col})
				}
			}
		}
	}
	slices.SortFunc(all, func(a, b finding) int {
		return cmp.Or(cmp.Compare(a.file, b.file), cmp.Compare(a.line, b.line), cmp.Compare(a.col, b.col), cmp.Compare(a.Message, b.Message))
	})
	wd, _ := os.Getwd()
	sources := map[string][]string{} // the lines of each file, read once
	for _, f := range all {
		fmt.Fprintf(w, "%s: %s\n", relPosn(wd, f.Posn), f.Message)
		for _, r := range f.Related {
			fmt.Fprintf(w, "%s: \t%s\n", relPosn(wd, r.Posn), r.Message)
		}
		if context >= 0 {
			lines, ok := sources[f.file]
			if !ok {
				lines = readLines(f.file)
				sources[f.file] = lines
			}
			printContext(w, lines, f.line, context)
		}
	}
	return len(all)
}

// splitPosn splits "file:line:col" (the file may hold colons).
func splitPosn(posn string) (string, int, int) {
	rest, colStr, _ := cutLast(posn, ":")
	file, lineStr, ok := cutLast(rest, ":")
	line, err1 := strconv.Atoi(lineStr)
	col, err2 := strconv.Atoi(colStr)
	if !ok || err1 != nil || err2 != nil {
		return posn, 0, 0
	}
	return file, line, col
}

func cutLast(s, sep string) (string, string, bool) {
	i := strings.LastIndex(s, sep)
	if i < 0 {
		return s, "", false
	}
	return s[:i], s[i+len(sep):], true
}

// relPosn names a position's file relative to dir when it is inside it.
func relPosn(dir, posn string) string {
	if dir == "" || !filepath.IsAbs(posn) {
		return posn
	}
	rel, err := filepath.Rel(dir, posn)
	if err != nil || strings.HasPrefix(rel, "..") {
		return posn
	}
	return rel
}

// readLines reads a file's lines, or none when it cannot be read.
func readLines(file string) []string {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil
	}
	return strings.Split(string(data), "\n")
}

// printContext prints lines [line-n, line+n] of a file, as the analysis
// drivers do for -c.
func printContext(w io.Writer, lines []string, line, n int) {
	if lines == nil || line < 1 {
		return
	}
	for i := max(line-n, 1); i <= min(line+n, len(lines)); i++ {
		fmt.Fprintf(w, "%d\t%s\n", i, lines[i-1])
	}
}
