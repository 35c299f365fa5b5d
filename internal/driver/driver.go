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
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"path/filepath"
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
	// Progress, if set, is told when each phase starts and after
	// each package: it is called from several goroutines, one call at
	// a time.
	Progress func(Progress)
}

// Progress says how far a run is.
type Progress struct {
	Phase Phase
	// Done and Total count the packages to analyse or read back from
	// the cache; Cached counts those read back.
	Done, Total, Cached int
}

// A Phase is a stage of a run.
type Phase int

const (
	// Loading: the go command lists the packages and compiles their
	// export data, which on a cold build cache takes most of a run.
	Loading Phase = iota
	// Analysing: packages are analysed, or read from the cache.
	Analysing
	// Finished: every package is done.
	Finished
)

// A Result is what a run found.
type Result struct {
	// Packages are the packages named by the patterns, with their
	// findings or the error that stopped their analysis.
	Packages []sarif.Package
	// Failed: some package could not be loaded, type-checked or
	// analysed.
	Failed bool
	// Files holds, for each file of the packages named by the
	// patterns, the SHA-256 of the content that was analysed, so that
	// a fix is applied only to the file it was computed from.
	Files map[string]string
	// CacheError is the first reason the cache could not be written,
	// if any: the run is correct, but the next one will not be faster.
	CacheError error

	pkgs []*listPackage // everything go list listed, for Resolve
}

// Run analyses the packages.
func Run(ctx context.Context, o Options) (*Result, error) {
	if len(o.Analyzer.FactTypes) > 1 {
		return nil, errors.New("driver: an analyzer with more than one fact type")
	}
	if o.Cache != "" && !filepath.IsAbs(o.Cache) {
		return nil, fmt.Errorf("the cache directory %q is not an absolute path", o.Cache)
	}
	o.progress(Progress{Phase: Loading})
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
		cache:  &cache{dir: o.Cache},
	}
	for _, p := range pkgs {
		r.byID[p.ImportPath] = p
	}
	r.schedule()
	r.cache.trim()
	o.progress(Progress{Phase: Finished, Done: r.done, Total: r.total, Cached: r.cached})
	res := &Result{Files: map[string]string{}, CacheError: r.cache.error(), pkgs: pkgs}
	for _, p := range pkgs {
		if !p.root {
			continue
		}
		out := r.outcome[p.ImportPath]
		for name, sum := range out.files {
			res.Files[name] = sum
		}
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
	Name            string
	Dir             string
	Export          string
	ForTest         string
	Standard        bool
	DepOnly         bool
	GoFiles         []string
	CgoFiles        []string
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
		"-json=ImportPath,Name,Dir,Export,ForTest,Standard,DepOnly,GoFiles,CgoFiles,CompiledGoFiles,OtherFiles,IgnoredGoFiles,Imports,ImportMap,Module,Error,DepsErrors"}
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
	files map[string]string // the package's own files: name -> SHA-256 of what was analysed
}

// run is one run's state.
type run struct {
	o      Options
	toolID string
	pkgs   []*listPackage
	byID   map[string]*listPackage
	cache  *cache

	mu      sync.Mutex
	facts   map[string]*pkgFacts // by package id, once analysed
	outcome map[string]outcome
	// For progress: packages to analyse, done so far, and how many of
	// those were read from the cache.
	total, done, cached int
}

// progress reports how far the run is, if asked to.
func (o *Options) progress(p Progress) {
	if o.Progress != nil {
		o.Progress(p)
	}
}

// analysable reports whether a package is analysed (or read from the
// cache), not only imported or skipped.
func (r *run) analysable(p *listPackage) bool {
	return p.needed && p.ImportPath != "unsafe" && (!p.Standard || r.o.Std)
}

// schedule analyses every package once all its dependencies are done,
// Jobs at a time.
func (r *run) schedule() {
	jobs := r.o.Jobs
	if jobs <= 0 {
		jobs = runtime.GOMAXPROCS(0)
	}
	r.outcome = map[string]outcome{}
	for _, p := range r.pkgs {
		if r.analysable(p) {
			r.total++
		}
	}
	r.o.progress(Progress{Phase: Analysing, Total: r.total})
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
	facts, out, cached := r.analyseOne(p)
	r.mu.Lock()
	defer r.mu.Unlock()
	r.facts[p.ImportPath] = facts
	r.outcome[p.ImportPath] = out
	if r.analysable(p) {
		r.done++
		if cached {
			r.cached++
		}
		r.o.progress(Progress{Phase: Analysing, Done: r.done, Total: r.total, Cached: r.cached})
	}
}

func (r *run) analyseOne(p *listPackage) (facts *pkgFacts, out outcome, cached bool) {
	if p.Error != nil && (p.root || len(p.CompiledGoFiles) == 0) {
		return nil, outcome{err: strings.TrimSpace(p.Error.Err)}, false
	}
	if p.root && len(p.DepsErrors) > 0 {
		var msgs []string
		for _, e := range p.DepsErrors {
			msgs = append(msgs, strings.TrimSpace(e.Err))
		}
		return nil, outcome{err: strings.Join(msgs, "\n")}, false
	}
	if len(p.CompiledGoFiles) == 0 && len(p.GoFiles) > 0 {
		// Not compiled (a dependency failed): its own files will do.
		p.CompiledGoFiles = p.GoFiles
	}
	if !r.analysable(p) {
		// The standard library is known from the catalog: its
		// packages are only imported.
		return nil, outcome{}, false
	}
	key, src, err := r.key(p)
	if err != nil {
		return nil, outcome{err: err.Error()}, false
	}
	files := ownFiles(p, src)
	if e, ok := r.cache.get(key); ok {
		if facts, err := decodeFacts(r.o.Analyzer, e.Facts); err == nil {
			r.debugf("cached   %s\n", p.ImportPath)
			return facts, outcome{diags: e.Diagnostics, files: files}, true
		}
	}
	r.debugf("analysed %s\n", p.ImportPath)
	facts, diags, err := r.check(p, src)
	if err != nil {
		return nil, outcome{err: err.Error()}, false
	}
	raw, err := encodeFacts(facts)
	if err != nil {
		return nil, outcome{err: fmt.Sprintf("encoding the facts of %s: %v", p.ImportPath, err)}, false
	}
	facts.digest = digestFacts(raw)
	r.cache.put(key, cacheEntry{Facts: raw, Diagnostics: diags})
	return facts, outcome{diags: diags, files: files}, false
}

// ownFiles hashes the content of the package's own files, as read for
// its analysis: the files fixes may edit.
func ownFiles(p *listPackage, src map[string][]byte) map[string]string {
	if !p.root {
		return nil
	}
	out := map[string]string{}
	for _, name := range p.GoFiles {
		name = filepath.Join(p.Dir, name)
		if data, ok := src[name]; ok {
			sum := sha256.Sum256(data)
			out[name] = hex.EncodeToString(sum[:])
		}
	}
	return out
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
