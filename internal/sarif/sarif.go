// Package sarif converts blockcheck's findings into SARIF 2.1.0, the
// format code scanning services (GitHub code scanning among them) read.
//
// The input is the JSON that golang.org/x/tools analysis drivers print
// with -json, blockcheck's own command and `go vet -vettool=... -json`
// alike: one or more objects, each mapping a package id to an analyzer
// name to either a list of diagnostics or {"error": "..."}. The output
// is one SARIF log with one run:
//
//   - tool.driver.rules has one rule per rule family of the analyzer
//     (analyzer.Rules, in the order of analyzer.Families), then
//     "directive" (an ignore without a reason) and "internal" (a crash
//     of the analysis); a category the converter does not know gets a
//     rule of its own, so that every result's ruleIndex is valid;
//   - every finding is one result: its rule is its category, its
//     location the finding's position, its relatedLocations the
//     related positions, its codeFlows the path from the entry point
//     (the related positions in order, then the finding itself) and
//     its fixes the analyzer's suggested fixes;
//   - a package the analysis failed on becomes a tool execution
//     notification, and the invocation is then not successful.
//
// A finding that a package and its test variant both report is kept
// once. Files under the root directory are named relative to it, with
// the uriBaseId %SRCROOT%; files elsewhere (a dependency in the module
// cache) by an absolute file URI. Columns are counted in UTF-16 code
// units, as SARIF's default columnKind says, by reading the source
// files; a file that cannot be read keeps the driver's byte columns.
package sarif

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// Schema is the URI of the SARIF 2.1.0 JSON schema, written into every
// log's $schema.
const Schema = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"

// InformationURI is the tool's home page, written into
// tool.driver.informationUri.
const InformationURI = "https://github.com/blockcheck/blockcheck"

// SrcRoot is the uriBaseId of every location under the root directory.
const SrcRoot = "%SRCROOT%"

// Options controls a conversion.
type Options struct {
	// Root is the directory that artifact URIs are relative to,
	// normally the repository's root. "" means the current directory.
	Root string
	// Version is the tool version written into tool.driver.version.
	// "" means "devel".
	Version string
}

// Convert reads the -json output of an analysis driver running
// blockcheck from r and writes it to w as a SARIF 2.1.0 log, with
// artifact URIs relative to root and the tool version "devel".
func Convert(r io.Reader, root string, w io.Writer) error {
	return Options{Root: root}.Convert(r, w)
}

// Convert reads the -json output of an analysis driver running
// blockcheck from r and writes it to w as a SARIF 2.1.0 log.
func (o Options) Convert(r io.Reader, w io.Writer) error {
	pkgs, err := Decode(r)
	if err != nil {
		return err
	}
	log, err := o.build(pkgs)
	if err != nil {
		return err
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(log)
}

// build turns the decoded packages into a SARIF log.
func (o Options) build(pkgs []Package) (*sarifLog, error) {
	root := o.Root
	if root == "" {
		root = "."
	}
	root, err := filepath.Abs(root)
	if err != nil {
		return nil, fmt.Errorf("sarif: root directory: %v", err)
	}
	c := &converter{root: root, files: map[string]*srcFile{}}
	if real, err := filepath.EvalSymlinks(root); err == nil {
		c.realRoot = real
	}

	version := o.Version
	if version == "" {
		version = "devel"
	}
	rules := baseRules()
	ruleIndex := map[string]int{}
	for i, r := range rules {
		ruleIndex[r.ID] = i
	}

	results := []result{}
	inv := invocation{ExecutionSuccessful: true}
	seenDiag := map[string]bool{}
	seenErr := map[string]bool{}
	for _, p := range pkgs {
		path := p.Path()
		for _, a := range p.Analyzers {
			if a.Error != "" {
				key := path + "\x00" + a.Name + "\x00" + a.Error
				if seenErr[key] {
					continue
				}
				seenErr[key] = true
				inv.ExecutionSuccessful = false
				inv.ToolExecutionNotifications = append(inv.ToolExecutionNotifications, notification{
					Level:   "error",
					Message: message{Text: fmt.Sprintf("%s: package %s: %s", a.Name, path, a.Error)},
				})
				continue
			}
			for _, d := range a.Diagnostics {
				key := d.Posn + "\x00" + d.Category + "\x00" + d.Message
				if seenDiag[key] {
					continue
				}
				seenDiag[key] = true
				id := d.Category
				if id == "" {
					id = "blockcheck"
				}
				i, ok := ruleIndex[id]
				if !ok {
					i = len(rules)
					ruleIndex[id] = i
					rules = append(rules, unknownRule(id))
				}
				results = append(results, c.result(d, id, i, rules[i].DefaultConfiguration.Level))
			}
		}
	}
	slices.SortStableFunc(results, compareResults)

	rootURI := fileURI(root)
	if !strings.HasSuffix(rootURI, "/") {
		rootURI += "/"
	}
	return &sarifLog{
		Schema:  Schema,
		Version: "2.1.0",
		Runs: []run{{
			Tool: tool{Driver: driver{
				Name:           "blockcheck",
				InformationURI: InformationURI,
				Version:        version,
				Rules:          rules,
			}},
			Invocations:        []invocation{inv},
			OriginalURIBaseIDs: map[string]artifactLocation{SrcRoot: {URI: rootURI}},
			ColumnKind:         "utf16CodeUnits",
			Results:            results,
		}},
	}, nil
}

// converter holds what the conversion of one log needs.
type converter struct {
	root     string              // absolute
	realRoot string              // root with symbolic links evaluated, or ""
	files    map[string]*srcFile // source files read so far, by name
}

// result converts one diagnostic.
func (c *converter) result(d Diagnostic, ruleID string, ruleIndex int, level string) result {
	res := result{
		RuleID:    ruleID,
		RuleIndex: ruleIndex,
		Level:     level,
		Message:   message{Text: d.Message},
		Locations: []location{},
	}
	primary, hasPrimary := c.location(d.Posn, d.End, "")
	if hasPrimary {
		res.Locations = append(res.Locations, primary)
	}

	// The related positions are the path from the entry point to the
	// blocking operation: they are both related locations and, with
	// the finding's own position last, the steps of a code flow.
	var steps []threadFlowLocation
	for _, rel := range d.Related {
		loc, ok := c.location(rel.Posn, rel.End, rel.Message)
		if !ok {
			continue
		}
		steps = append(steps, threadFlowLocation{Location: loc})
		loc.ID = len(res.RelatedLocations) + 1
		res.RelatedLocations = append(res.RelatedLocations, loc)
	}
	if len(steps) > 0 && hasPrimary {
		primary.Message = &message{Text: d.Message}
		steps = append(steps, threadFlowLocation{Location: primary})
		res.CodeFlows = []codeFlow{{
			Message:     &message{Text: "path from the entry point to the blocking operation"},
			ThreadFlows: []threadFlow{{Locations: steps}},
		}}
	}

	for _, sf := range d.SuggestedFixes {
		if f, ok := c.fix(sf); ok {
			res.Fixes = append(res.Fixes, f)
		}
	}
	return res
}

// location converts a position and its end ("file:line:col", as
// token.Position prints them) into a location with a message, if any.
// It reports false when the position names no file.
func (c *converter) location(posn, end, msg string) (location, bool) {
	p, ok := parsePosn(posn)
	if !ok {
		return location{}, false
	}
	loc := location{PhysicalLocation: &physicalLocation{ArtifactLocation: c.artifact(p.file)}}
	if msg != "" {
		loc.Message = &message{Text: msg}
	}
	if p.line > 0 {
		reg := &region{StartLine: p.line}
		f := c.file(p.file)
		if p.col > 0 {
			reg.StartColumn = f.column(p.line, p.col)
			// An end equal to the start (a diagnostic with no End) is
			// left out: the region then runs to the end of the line,
			// where an empty region would show nothing.
			if e, ok := parsePosn(end); ok && e.file == p.file && e.col > 0 &&
				(e.line > p.line || e.line == p.line && e.col > p.col) {
				reg.EndLine = e.line
				reg.EndColumn = f.column(e.line, e.col)
			}
		}
		loc.PhysicalLocation.Region = reg
	}
	return loc, true
}

// fix converts a suggested fix. It reports false when the fix has no
// usable edit.
func (c *converter) fix(sf SuggestedFix) (fix, bool) {
	out := fix{ArtifactChanges: []artifactChange{}}
	if sf.Message != "" {
		out.Description = &message{Text: sf.Message}
	}
	byFile := map[string]int{} // file name -> index in out.ArtifactChanges
	for _, e := range sf.Edits {
		if e.Filename == "" || e.Start < 0 || e.End < e.Start {
			continue
		}
		i, ok := byFile[e.Filename]
		if !ok {
			i = len(out.ArtifactChanges)
			byFile[e.Filename] = i
			out.ArtifactChanges = append(out.ArtifactChanges, artifactChange{
				ArtifactLocation: c.artifact(e.Filename),
				Replacements:     []replacement{},
			})
		}
		start, length := e.Start, e.End-e.Start
		reg := region{ByteOffset: &start, ByteLength: &length}
		f := c.file(e.Filename)
		if sl, sc, ok := f.position(e.Start); ok {
			if el, ec, ok := f.position(e.End); ok {
				reg.StartLine, reg.StartColumn, reg.EndLine, reg.EndColumn = sl, sc, el, ec
			}
		}
		rep := replacement{DeletedRegion: reg}
		if e.New != "" {
			rep.InsertedContent = &artifactContent{Text: e.New}
		}
		ch := &out.ArtifactChanges[i]
		ch.Replacements = append(ch.Replacements, rep)
	}
	return out, len(out.ArtifactChanges) > 0
}

// file returns the source file of the given name, reading it the first
// time. A file that cannot be read is returned empty.
func (c *converter) file(name string) *srcFile {
	f, ok := c.files[name]
	if !ok {
		data, err := os.ReadFile(name)
		f = newSrcFile(data, err == nil)
		c.files[name] = f
	}
	return f
}

// compareResults orders results by file, position, rule and message, so
// that the output does not depend on the order of the input.
func compareResults(a, b result) int {
	ka, kb := resultKey(a), resultKey(b)
	if n := strings.Compare(ka.uri, kb.uri); n != 0 {
		return n
	}
	if ka.line != kb.line {
		return ka.line - kb.line
	}
	if ka.col != kb.col {
		return ka.col - kb.col
	}
	if n := strings.Compare(a.RuleID, b.RuleID); n != 0 {
		return n
	}
	return strings.Compare(a.Message.Text, b.Message.Text)
}

type sortKey struct {
	uri       string
	line, col int
}

func resultKey(r result) sortKey {
	if len(r.Locations) == 0 || r.Locations[0].PhysicalLocation == nil {
		return sortKey{}
	}
	pl := r.Locations[0].PhysicalLocation
	k := sortKey{uri: pl.ArtifactLocation.URIBaseID + pl.ArtifactLocation.URI}
	if pl.Region != nil {
		k.line, k.col = pl.Region.StartLine, pl.Region.StartColumn
	}
	return k
}
