// Package driver runs one analyzer over packages one at a time, in
// dependency order, from the export data the go command builds and the
// facts of the packages before: no package's syntax or types outlive
// its own analysis, so memory is that of the largest package (and the
// facts, which are small), however large the tree. Packages run in
// parallel as their dependencies finish. Each package's findings and
// facts are cached under a key made of the analyzer, its settings, the
// package's files and what its dependencies exported, so a re-run on
// unchanged code reads them back.
//
// It is the standalone command's driver; go vet -vettool runs the same
// analyzer through the unitchecker protocol.
package driver

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"runtime"
	"strings"
	"sync"

	"github.com/blockcheck/blockcheck/internal/sarif"
	"golang.org/x/tools/go/analysis"
)

// Options configure a run.
type Options struct {
	Analyzer *analysis.Analyzer // configured, with at most one fact type
	Patterns []string
	Tags     string
	// Tests analyses the test variants of the packages (their
	// _test.go files) instead of the packages alone.
	Tests bool
	// Std analyses the standard library's packages too; without it
	// they are only imported.
	Std bool
	// Settings are the analyzer's flags as given: part of every cache
	// key.
	Settings []string
	// Cache is the cache directory; "" runs without one.
	Cache string
	// Jobs is how many packages are analysed at once; 0 means one per
	// CPU.
	Jobs int
	// Log receives the go command's errors and, with Debug, a line
	// per package saying whether it was analysed or read from cache.
	Log   io.Writer
	Debug bool
}

// A Result is what a run found.
type Result struct {
	// Packages are the packages named by the patterns, with their
	// findings or the error that stopped their analysis.
	Packages []sarif.Package
	// Failed: some package could not be loaded, type-checked or
	// analysed.
	Failed bool
}

// Run analyses the packages.
func Run(ctx context.Context, o Options) (*Result, error) {
	if len(o.Analyzer.FactTypes) > 1 {
		return nil, errors.New("driver: an analyzer with more than one fact type")
	}
	pkgs, err := list(ctx, o)
	if err != nil {
		return nil, err
	}
	toolID, err := executableID()
	if err != nil {
		return nil, err
	}
	r := &run{
		o:      o,
		toolID: toolID,
		pkgs:   pkgs,
		byID:   map[string]*listPackage{},
		facts:  map[string]*pkgFacts{},
		cache:  cache{dir: o.Cache},
	}
	for _, p := range pkgs {
		r.byID[p.ImportPath] = p
	}
	r.schedule()
	r.cache.trim()
	res := &Result{}
	for _, p := range pkgs {
		if !p.root {
			continue
		}
		out := r.outcome[p.ImportPath]
		ar := sarif.AnalyzerResult{Name: o.Analyzer.Name, Diagnostics: out.diags, Error: out.err}
		if out.err != "" {
			res.Failed = true
		}
		res.Packages = append(res.Packages, sarif.Package{ID: p.ImportPath, Analyzers: []sarif.AnalyzerResult{ar}})
	}
	if len(res.Packages) == 0 {
		// As go vet does: a pattern that names nothing is a mistake.
		if o.Log != nil {
			fmt.Fprintln(o.Log, "blockcheck: no packages to analyse")
		}
		res.Failed = true
	}
	return res, nil
}

// listPackage is what go list says of a package.
type listPackage struct {
	ImportPath      string
	Dir             string
	Export          string
	ForTest         string
	Standard        bool
	DepOnly         bool
	GoFiles         []string
	CompiledGoFiles []string
	OtherFiles      []string
	IgnoredGoFiles  []string
	Imports         []string
	ImportMap       map[string]string
	Module          *struct {
		Path      string
		Version   string
		GoVersion string
	}
	Error      *struct{ Err string }
	DepsErrors []*struct{ Err string }

	root   bool // named by the patterns, and analysed for findings
	needed bool // a root, or imported by one
}

// list runs go list and returns the packages in dependency order.
func list(ctx context.Context, o Options) ([]*listPackage, error) {
	args := []string{"list", "-e", "-deps", "-export", "-compiled",
		"-json=ImportPath,Dir,Export,ForTest,Standard,DepOnly,GoFiles,CompiledGoFiles,OtherFiles,IgnoredGoFiles,Imports,ImportMap,Module,Error,DepsErrors"}
	if o.Tests {
		args = append(args, "-test")
	}
	if o.Tags != "" {
		args = append(args, "-tags="+o.Tags)
	}
	args = append(args, "--")
	args = append(args, o.Patterns...)
	cmd := exec.CommandContext(ctx, "go", args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		msg := strings.TrimSpace(stderr.String())
		if msg == "" {
			msg = err.Error()
		}
		return nil, fmt.Errorf("go list: %s", msg)
	}
	if o.Log != nil && stderr.Len() > 0 {
		o.Log.Write(stderr.Bytes()) // warnings such as "matched no packages"
	}
	var pkgs []*listPackage
	dec := json.NewDecoder(&stdout)
	for dec.More() {
		p := new(listPackage)
		if err := dec.Decode(p); err != nil {
			return nil, fmt.Errorf("reading go list's output: %v", err)
		}
		pkgs = append(pkgs, p)
	}
	// The roots: what the patterns named, or with tests, their test
	// variants instead (a package's variant holds all its files).
	hasVariant := map[string]bool{}
	for _, p := range pkgs {
		if p.ForTest != "" && !p.DepOnly {
			hasVariant[p.ForTest] = true
		}
	}
	byID := map[string]*listPackage{}
	for _, p := range pkgs {
		byID[p.ImportPath] = p
		switch {
		case p.DepOnly:
		case p.ForTest == "" && strings.HasSuffix(p.ImportPath, ".test"):
			// the generated main package of a test binary
		case p.ForTest == "" && hasVariant[p.ImportPath]:
		default:
			p.root = true
		}
	}
	// Only the roots and what they import are needed.
	var mark func(p *listPackage)
	mark = func(p *listPackage) {
		if p == nil || p.needed {
			return
		}
		p.needed = true
		for _, id := range p.Imports {
			mark(byID[id])
		}
	}
	for _, p := range pkgs {
		if p.root {
			mark(p)
		}
	}
	return pkgs, nil
}

// outcome is what the analysis of one package left.
type outcome struct {
	diags []sarif.Diagnostic
	err   string
}

// run is one run's state.
type run struct {
	o      Options
	toolID string
	pkgs   []*listPackage
	byID   map[string]*listPackage
	cache  cache

	mu      sync.Mutex
	facts   map[string]*pkgFacts // by package id, once analysed
	outcome map[string]outcome
}

// schedule analyses every package once all its dependencies are done,
// Jobs at a time.
func (r *run) schedule() {
	jobs := r.o.Jobs
	if jobs <= 0 {
		jobs = runtime.GOMAXPROCS(0)
	}
	r.outcome = map[string]outcome{}
	waiting := map[string]int{}         // package -> dependencies not done
	dependents := map[string][]string{} // package -> who waits for it
	ready := make(chan *listPackage, len(r.pkgs))
	for _, p := range r.pkgs {
		n := 0
		for _, dep := range p.Imports {
			if _, ok := r.byID[dep]; ok {
				n++
				dependents[dep] = append(dependents[dep], p.ImportPath)
			}
		}
		waiting[p.ImportPath] = n
		if n == 0 {
			ready <- p
		}
	}
	var wg sync.WaitGroup
	done := make(chan string, len(r.pkgs))
	for range jobs {
		wg.Go(func() {
			for p := range ready {
				r.analyse(p)
				done <- p.ImportPath
			}
		})
	}
	for range r.pkgs {
		id := <-done
		for _, d := range dependents[id] {
			waiting[d]--
			if waiting[d] == 0 {
				ready <- r.byID[d]
			}
		}
	}
	close(ready)
	wg.Wait()
}

// analyse analyses one package, or reads it from the cache, and
// records its facts and findings.
func (r *run) analyse(p *listPackage) {
	facts, out := r.analyseOne(p)
	r.mu.Lock()
	defer r.mu.Unlock()
	r.facts[p.ImportPath] = facts
	r.outcome[p.ImportPath] = out
}

func (r *run) analyseOne(p *listPackage) (*pkgFacts, outcome) {
	if p.Error != nil && (p.root || len(p.CompiledGoFiles) == 0) {
		return nil, outcome{err: strings.TrimSpace(p.Error.Err)}
	}
	if p.root && len(p.DepsErrors) > 0 {
		var msgs []string
		for _, e := range p.DepsErrors {
			msgs = append(msgs, strings.TrimSpace(e.Err))
		}
		return nil, outcome{err: strings.Join(msgs, "\n")}
	}
	if len(p.CompiledGoFiles) == 0 && len(p.GoFiles) > 0 {
		// Not compiled (a dependency failed): its own files will do.
		p.CompiledGoFiles = p.GoFiles
	}
	if !p.needed || p.ImportPath == "unsafe" || (p.Standard && !r.o.Std) {
		// The standard library is known from the catalog: its
		// packages are only imported.
		return nil, outcome{}
	}
	key, err := r.key(p)
	if err != nil {
		return nil, outcome{err: err.Error()}
	}
	if e, ok := r.cache.get(key); ok {
		if facts, err := decodeFacts(r.o.Analyzer, e.Facts); err == nil {
			r.debugf("cached   %s\n", p.ImportPath)
			return facts, outcome{diags: e.Diagnostics}
		}
	}
	r.debugf("analysed %s\n", p.ImportPath)
	facts, diags, err := r.check(p)
	if err != nil {
		return nil, outcome{err: err.Error()}
	}
	raw, err := encodeFacts(facts)
	if err != nil {
		return nil, outcome{err: fmt.Sprintf("encoding the facts of %s: %v", p.ImportPath, err)}
	}
	facts.digest = digestFacts(raw)
	r.cache.put(key, cacheEntry{Facts: raw, Diagnostics: diags})
	return facts, outcome{diags: diags}
}

func (r *run) debugf(format string, args ...any) {
	if r.o.Debug && r.o.Log != nil {
		r.mu.Lock()
		fmt.Fprintf(r.o.Log, "blockcheck: "+format, args...)
		r.mu.Unlock()
	}
}

// depFacts returns the facts of an analysed dependency, or nil.
func (r *run) depFacts(id string) *pkgFacts {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.facts[id]
}
