package analyzer

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/build"
	"go/token"
	"go/types"
	"path/filepath"
	"runtime/debug"
	"strings"

	"golang.org/x/tools/go/analysis"
)

//go:embed doc.go
var doc string

// New returns a blockcheck Analyzer configured by cfg. Each call makes
// a fresh Analyzer whose flags write into its own copy of cfg, so two
// analyzers never share settings.
func New(cfg Config) *analysis.Analyzer {
	c := &cfg
	a := &analysis.Analyzer{
		Name:      "blockcheck",
		Doc:       extractDoc(doc, "blockcheck"),
		URL:       "https://pkg.go.dev/github.com/blockcheck/blockcheck/analyzer",
		FactTypes: []analysis.Fact{new(blockingFact)},
		Run:       func(pass *analysis.Pass) (any, error) { return run(pass, c) },
	}
	c.bindFlags(&a.Flags)
	return a
}

// run analyses one package. A panic becomes one error that names the
// package and the function being looked at, with the stack, instead of
// taking the whole run down.
func run(pass *analysis.Pass, cfg *Config) (_ any, err error) {
	if err := cfg.Validate(); err != nil {
		return nil, fmt.Errorf("blockcheck: %v", err)
	}
	if isStd(pass) && !cfg.Std {
		// The standard library is covered by the catalog, not by
		// walking its bodies.
		return nil, nil
	}
	s := &state{
		pass:         pass,
		cfg:          cfg,
		info:         pass.TypesInfo,
		byObj:        map[*types.Func]*funcInfo{},
		byLit:        map[*ast.FuncLit]*funcInfo{},
		excludedFile: map[*ast.File]bool{},
	}
	defer func() {
		// A bug in blockcheck must not stop the run: it becomes one
		// finding that names the package and the function, and the
		// other packages are analysed as usual.
		if p := recover(); p != nil {
			pos, where := token.NoPos, "package "+pass.Pkg.Path()
			if fi := s.current; fi != nil {
				pos, where = fi.namePos(), fi.name+" in package "+pass.Pkg.Path()
			} else if len(pass.Files) > 0 {
				pos = pass.Files[0].Package
			}
			msg := fmt.Sprintf("internal error: blockcheck failed while analysing %s: %v (please report it; -stack prints where)", where, p)
			if cfg.Stack {
				msg += "\n" + string(debug.Stack())
			}
			pass.Report(analysis.Diagnostic{Pos: pos, Category: "internal", Message: msg})
			err = nil
		}
	}()
	s.directives = parseDirectives(pass.Fset, pass.Files)
	for _, f := range pass.Files {
		name := pass.Fset.File(f.Pos()).Name()
		if ast.IsGenerated(f) || (!cfg.Tests && strings.HasSuffix(name, "_test.go")) {
			s.excludedFile[f] = true
		}
	}
	s.collect()
	s.signatureRoots()
	s.summarize()
	s.exportFacts()
	s.report()
	return nil, nil
}

// isStd reports whether the pass is over a package of the standard
// library: its files are in GOROOT.
func isStd(pass *analysis.Pass) bool {
	if len(pass.Files) == 0 {
		return true
	}
	name := pass.Fset.File(pass.Files[0].Pos()).Name()
	return strings.HasPrefix(name, filepath.Join(build.Default.GOROOT, "src")+string(filepath.Separator))
}

// lookup finds a blocking function by full name: the user's own list
// first, then the catalog.
func (s *state) lookup(name string) (blockingCall, bool) {
	for _, b := range s.cfg.Blocking {
		if b.Func == name {
			alt := b.Alternative
			if alt == "" {
				alt = "use a variant that takes a context"
			}
			return blockingCall{family: Custom, alt: alt}, true
		}
	}
	bc, ok := catalog[name]
	return bc, ok
}

// excludedAt reports whether pos is in a file whose findings are not
// reported (generated, or a test file without -tests).
func (s *state) excludedAt(pos token.Pos) bool {
	tf := s.pass.Fset.File(pos)
	if tf == nil {
		return true
	}
	for _, f := range s.pass.Files {
		if s.excludedFile[f] && s.pass.Fset.File(f.Pos()) == tf {
			return true
		}
	}
	return false
}

// extractDoc returns the text of the "# Analyzer name" section of a
// doc.go package comment, without its "name: " prefix.
func extractDoc(content, name string) string {
	_, comment, ok := strings.Cut(content, "/*")
	if !ok {
		panic("doc.go has no /* comment */")
	}
	comment, _, _ = strings.Cut(comment, "*/")
	_, section, ok := strings.Cut(comment, "# Analyzer "+name+"\n")
	if !ok {
		panic("doc.go has no # Analyzer " + name + " section")
	}
	if i := strings.Index(section, "\n# "); i >= 0 {
		section = section[:i]
	}
	section = strings.TrimSpace(section)
	rest, ok := strings.CutPrefix(section, name+": ")
	if !ok {
		panic("doc.go: the Analyzer section must start with " + name + ": summary")
	}
	return rest
}

// RuleDoc is the documentation of one rule family, from doc.go.
type RuleDoc struct {
	Family Family
	Text   string // the "# Rule" section, examples included
}

// Rules returns the documentation of every rule family, in the order
// of Families, from the "# Rule NAME" sections of doc.go.
func Rules() []RuleDoc {
	_, comment, _ := strings.Cut(doc, "/*")
	comment, _, _ = strings.Cut(comment, "*/")
	var out []RuleDoc
	for _, f := range Families {
		_, section, ok := strings.Cut(comment, "\n# Rule "+string(f)+"\n")
		if !ok {
			panic("doc.go has no # Rule " + string(f) + " section")
		}
		if i := strings.Index(section, "\n# "); i >= 0 {
			section = section[:i]
		}
		out = append(out, RuleDoc{Family: f, Text: strings.TrimSpace(section)})
	}
	return out
}
