package driver

import (
	"errors"
	"fmt"
	"go/ast"
	"go/build"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"reflect"
	"runtime/debug"
	"slices"
	"strings"

	"github.com/blockcheck/blockcheck/internal/sarif"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/gcexportdata"
	"golang.org/x/tools/go/types/objectpath"
)

// pkgFacts are the object facts one package exported, by object path.
type pkgFacts struct {
	objects map[objectpath.Path]analysis.Fact
	digest  string // of their encoding, once the package is done
}

// check parses and type-checks one package against its dependencies'
// export data, runs the analyzer on it, and returns the facts it
// exported and its findings (none for a dependency only analysed for
// its facts).
func (r *run) check(p *listPackage, src map[string][]byte) (facts *pkgFacts, diags []sarif.Diagnostic, err error) {
	fset := token.NewFileSet()
	var files []*ast.File
	for _, name := range p.CompiledGoFiles {
		if !filepath.IsAbs(name) {
			name = filepath.Join(p.Dir, name)
		}
		f, err := parser.ParseFile(fset, name, src[name], parser.ParseComments|parser.SkipObjectResolution)
		if err != nil {
			return nil, nil, err
		}
		files = append(files, f)
	}

	imports := map[string]*types.Package{}
	var typeErrs []error
	conf := types.Config{
		Importer: importerFunc(func(path string) (*types.Package, error) {
			return r.importFrom(p, path, fset, imports)
		}),
		Sizes: types.SizesFor("gc", build.Default.GOARCH),
		Error: func(err error) { typeErrs = append(typeErrs, err) },
	}
	if p.Module != nil && p.Module.GoVersion != "" {
		conf.GoVersion = "go" + p.Module.GoVersion
	}
	info := &types.Info{
		Types:        map[ast.Expr]types.TypeAndValue{},
		Defs:         map[*ast.Ident]types.Object{},
		Uses:         map[*ast.Ident]types.Object{},
		Implicits:    map[ast.Node]types.Object{},
		Selections:   map[*ast.SelectorExpr]*types.Selection{},
		Scopes:       map[ast.Node]*types.Scope{},
		Instances:    map[*ast.Ident]types.Instance{},
		FileVersions: map[*ast.File]string{},
	}
	path, _, _ := strings.Cut(p.ImportPath, " ")
	tpkg, _ := conf.Check(path, fset, files, info)
	if len(typeErrs) > 0 {
		var msgs []string
		for _, e := range typeErrs[:min(len(typeErrs), 10)] {
			msgs = append(msgs, e.Error())
		}
		return nil, nil, errors.New(strings.Join(msgs, "\n"))
	}

	facts = &pkgFacts{objects: map[objectpath.Path]analysis.Fact{}}
	var found []analysis.Diagnostic
	// One encoder for the pass: it remembers what it learnt of each
	// package's objects, where objectpath.For searches a package's
	// types again for every method or field it is asked about.
	enc := new(objectpath.Encoder)
	pass := &analysis.Pass{
		Analyzer:     r.o.Analyzer,
		Fset:         fset,
		Files:        files,
		OtherFiles:   p.OtherFiles,
		IgnoredFiles: p.IgnoredGoFiles,
		Pkg:          tpkg,
		TypesInfo:    info,
		TypesSizes:   conf.Sizes,
		ResultOf:     map[*analysis.Analyzer]any{},
		Report:       func(d analysis.Diagnostic) { found = append(found, d) },
		ReadFile:     os.ReadFile,
		ImportObjectFact: func(obj types.Object, fact analysis.Fact) bool {
			return r.importFact(enc, tpkg, facts, obj, fact)
		},
		ExportObjectFact: func(obj types.Object, fact analysis.Fact) {
			if obj.Pkg() != tpkg {
				panic(fmt.Sprintf("%s exported a fact about %v, which is not in its package", r.o.Analyzer.Name, obj))
			}
			if op, err := enc.For(obj); err == nil {
				facts.objects[op] = fact
			}
		},
		ImportPackageFact: func(*types.Package, analysis.Fact) bool { return false },
		ExportPackageFact: func(analysis.Fact) {
			panic(r.o.Analyzer.Name + " exported a package fact, which this driver does not keep")
		},
		AllPackageFacts: func() []analysis.PackageFact { return nil },
		AllObjectFacts:  func() []analysis.ObjectFact { return nil },
	}
	if p.Module != nil {
		pass.Module = &analysis.Module{Path: p.Module.Path, Version: p.Module.Version, GoVersion: p.Module.GoVersion}
	}
	if err := runPass(r.o.Analyzer, pass); err != nil {
		return nil, nil, err
	}
	if !p.root {
		return facts, nil, nil
	}
	// Fixes may edit only the package's own files: not the files cgo
	// generates into the build cache, whose positions //line maps
	// back to the source.
	own := map[string]bool{}
	for _, name := range p.GoFiles {
		own[filepath.Join(p.Dir, name)] = true
	}
	for _, d := range found {
		diags = append(diags, convert(fset, d, own))
	}
	return facts, diags, nil
}

// runPass runs the analyzer, turning a panic into an error that says
// where.
func runPass(a *analysis.Analyzer, pass *analysis.Pass) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("internal error: %s panicked on %s: %v\n%s", a.Name, pass.Pkg.Path(), p, debug.Stack())
		}
	}()
	_, err = a.Run(pass)
	return err
}

// importFrom imports path, as written in package p, from the export
// data of the package it resolves to.
func (r *run) importFrom(p *listPackage, path string, fset *token.FileSet, imports map[string]*types.Package) (*types.Package, error) {
	if path == "unsafe" {
		return types.Unsafe, nil
	}
	id := path
	if m, ok := p.ImportMap[path]; ok {
		id = m
	}
	dep := r.byID[id]
	if dep == nil || dep.Export == "" {
		if dep != nil && dep.Error != nil {
			return nil, fmt.Errorf("could not import %s: %s", path, strings.TrimSpace(dep.Error.Err))
		}
		return nil, fmt.Errorf("could not import %s: no export data", path)
	}
	depPath, _, _ := strings.Cut(id, " ")
	if pkg := imports[depPath]; pkg != nil && pkg.Complete() {
		return pkg, nil
	}
	f, err := os.Open(dep.Export)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	rd, err := gcexportdata.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("reading export data of %s: %v", path, err)
	}
	return gcexportdata.Read(rd, fset, imports, depPath)
}

// importFact finds a fact about obj: one the package itself exported,
// or one its defining package did.
func (r *run) importFact(enc *objectpath.Encoder, self *types.Package, own *pkgFacts, obj types.Object, fact analysis.Fact) bool {
	if obj == nil || obj.Pkg() == nil {
		return false
	}
	op, err := enc.For(obj)
	if err != nil {
		return false
	}
	var from *pkgFacts
	if obj.Pkg() == self {
		from = own
	} else {
		from = r.factsOf(obj.Pkg().Path())
	}
	if from == nil {
		return false
	}
	f, ok := from.objects[op]
	if !ok || reflect.TypeOf(f) != reflect.TypeOf(fact) {
		return false
	}
	reflect.ValueOf(fact).Elem().Set(reflect.ValueOf(f).Elem())
	return true
}

// factsOf returns the facts of the analysed package with the given
// import path (its plain variant, or the test variant being built).
func (r *run) factsOf(path string) *pkgFacts {
	r.mu.Lock()
	defer r.mu.Unlock()
	if f := r.facts[path]; f != nil {
		return f
	}
	for id, f := range r.facts {
		if p, _, _ := strings.Cut(id, " "); p == path && f != nil {
			return f
		}
	}
	return nil
}

type importerFunc func(path string) (*types.Package, error)

func (f importerFunc) Import(path string) (*types.Package, error) { return f(path) }

// convert turns a diagnostic into the JSON form every driver prints.
// A fix with an edit outside the files in own is dropped.
func convert(fset *token.FileSet, d analysis.Diagnostic, own map[string]bool) sarif.Diagnostic {
	posn := func(pos token.Pos) string {
		if !pos.IsValid() {
			return ""
		}
		return fset.Position(pos).String()
	}
	end := d.End
	if !end.IsValid() {
		end = d.Pos
	}
	out := sarif.Diagnostic{Category: d.Category, Posn: posn(d.Pos), End: posn(end), Message: d.Message}
	for _, rel := range d.Related {
		rend := rel.End
		if !rend.IsValid() {
			rend = rel.Pos
		}
		out.Related = append(out.Related, sarif.RelatedInformation{Posn: posn(rel.Pos), End: posn(rend), Message: rel.Message})
	}
fixes:
	for _, sf := range d.SuggestedFixes {
		fix := sarif.SuggestedFix{Message: sf.Message}
		for _, e := range sf.TextEdits {
			tf := fset.File(e.Pos)
			if tf == nil || !own[tf.Name()] {
				continue fixes
			}
			endPos := e.End
			if !endPos.IsValid() {
				endPos = e.Pos
			}
			fix.Edits = append(fix.Edits, sarif.TextEdit{Filename: tf.Name(), Start: tf.Offset(e.Pos), End: tf.Offset(endPos), New: string(e.NewText)})
		}
		out.SuggestedFixes = append(out.SuggestedFixes, fix)
	}
	return out
}

// sortedKeys is used for deterministic encodings.
func sortedKeys[M ~map[K]V, K ~string, V any](m M) []K {
	keys := make([]K, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
