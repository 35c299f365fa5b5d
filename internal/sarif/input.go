package sarif

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
)

// The input: what golang.org/x/tools analysis drivers print with -json
// (see JSONTree in golang.org/x/tools/internal/analysis/driverutil).

// A Package is the result of the analyzers on one package.
type Package struct {
	// ID is the package id: its import path, or for a test variant
	// the path followed by " [path.test]".
	ID        string
	Analyzers []AnalyzerResult // sorted by name
}

// Path is the package's import path: its ID without the test variant
// suffix.
func (p Package) Path() string {
	path, _, _ := strings.Cut(p.ID, " ")
	return path
}

// An AnalyzerResult is what one analyzer reported on one package:
// diagnostics, or the error it failed with.
type AnalyzerResult struct {
	Name        string
	Diagnostics []Diagnostic
	Error       string
}

// A Diagnostic is one finding.
type Diagnostic struct {
	Category       string               `json:"category,omitempty"`
	Posn           string               `json:"posn"` // "file:line:column"
	End            string               `json:"end"`  // the same form
	Message        string               `json:"message"`
	SuggestedFixes []SuggestedFix       `json:"suggested_fixes,omitempty"`
	Related        []RelatedInformation `json:"related,omitempty"`
}

// A SuggestedFix is a set of edits applied together or not at all.
type SuggestedFix struct {
	Message string     `json:"message"`
	Edits   []TextEdit `json:"edits"`
}

// A TextEdit replaces the bytes [Start, End) of a file with New.
type TextEdit struct {
	Filename string `json:"filename"`
	Start    int    `json:"start"`
	End      int    `json:"end"`
	New      string `json:"new"`
}

// RelatedInformation is a secondary position of a finding.
type RelatedInformation struct {
	Posn    string `json:"posn"`
	End     string `json:"end"`
	Message string `json:"message"`
}

// Decode reads the JSON that an analysis driver prints with -json. The
// stream may hold several objects one after another, as `go vet -json`
// prints one per package, and lines starting with '#' between them
// (package headers) are skipped. Packages come out in the order of the
// stream, each object's sorted by id.
func Decode(r io.Reader) ([]Package, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("sarif: reading input: %v", err)
	}
	var pkgs []Package
	rest := data
	for {
		rest = bytes.TrimLeft(rest, " \t\r\n")
		if len(rest) == 0 {
			return pkgs, nil
		}
		if rest[0] == '#' {
			if i := bytes.IndexByte(rest, '\n'); i >= 0 {
				rest = rest[i+1:]
			} else {
				rest = nil
			}
			continue
		}
		var tree map[string]map[string]json.RawMessage
		dec := json.NewDecoder(bytes.NewReader(rest))
		if err := dec.Decode(&tree); err != nil {
			line := 1 + bytes.Count(data[:len(data)-len(rest)], []byte("\n"))
			return nil, fmt.Errorf("sarif: input line %d: not the JSON of an analysis driver: %v", line, err)
		}
		rest = rest[dec.InputOffset():]

		for _, id := range slices.Sorted(maps.Keys(tree)) {
			p := Package{ID: id}
			for _, name := range slices.Sorted(maps.Keys(tree[id])) {
				a, err := decodeAnalyzer(name, tree[id][name])
				if err != nil {
					return nil, fmt.Errorf("sarif: package %s, analyzer %s: %v", id, name, err)
				}
				p.Analyzers = append(p.Analyzers, a)
			}
			pkgs = append(pkgs, p)
		}
	}
}

// decodeAnalyzer decodes one analyzer's result: a list of diagnostics
// or an object {"error": "..."}.
func decodeAnalyzer(name string, raw json.RawMessage) (AnalyzerResult, error) {
	a := AnalyzerResult{Name: name}
	raw = bytes.TrimSpace(raw)
	switch {
	case len(raw) == 0 || bytes.Equal(raw, []byte("null")):
	case raw[0] == '[':
		if err := json.Unmarshal(raw, &a.Diagnostics); err != nil {
			return a, err
		}
	case raw[0] == '{':
		var e struct {
			Error *string `json:"error"`
		}
		if err := json.Unmarshal(raw, &e); err != nil {
			return a, err
		}
		if e.Error == nil {
			return a, fmt.Errorf("an object without an error")
		}
		a.Error = *e.Error
		if a.Error == "" {
			a.Error = "unknown error"
		}
	default:
		return a, fmt.Errorf("neither a list of diagnostics nor an error: %.40s", raw)
	}
	return a, nil
}
