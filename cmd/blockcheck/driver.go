package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/blockcheck/blockcheck/analyzer"
	"github.com/blockcheck/blockcheck/internal/driver"
	"github.com/blockcheck/blockcheck/internal/sarif"
	"golang.org/x/tools/go/analysis"
)

// options are the command's flags once parsed.
type options struct {
	fix, diff, json bool
	verbose         bool
	context         int    // -c: lines of source around each finding; -1 none
	cache           string // the cache directory, "" for none
	format          string // text or sarif
	tags            string
	analyzerArgs    []string // blockcheck's own flags, as given, for every package
	patterns        []string
	config          analyzer.Config    // set by the flags
	analyzer        *analysis.Analyzer // made from config
}

// parseOptions parses the command line. Blockcheck's own flags are
// checked here, once, with the analyzer's own parsers, so that a bad
// value stops the run before any package is analysed; they are then
// passed as given to every per-package run.
func parseOptions(args []string, stderr io.Writer) (*options, error) {
	o := &options{}
	fs := flag.NewFlagSet("blockcheck", flag.ContinueOnError)
	fs.SetOutput(io.Discard) // errors are printed once, by drive
	fs.BoolVar(&o.fix, "fix", false, "apply the suggested fixes")
	fs.BoolVar(&o.diff, "diff", false, "with -fix, print the fixes as a unified diff instead of applying them")
	fs.BoolVar(&o.json, "json", false, "print the findings as JSON on standard output")
	fs.IntVar(&o.context, "c", -1, "print the source line of each finding with this many lines around it")
	fs.StringVar(&o.format, "format", "text", "output: text, or sarif for SARIF 2.1.0 on standard output")
	fs.StringVar(&o.tags, "tags", "", "comma-separated build tags, passed to the go command")
	fs.BoolVar(&o.verbose, "v", false, "print each phase of the run on standard error (on a terminal, progress shows by itself after two seconds)")
	fs.Bool("test", false, "has no effect: use -tests")

	// The settings are parsed into cfg, which then makes the
	// analyzer; each setting is also kept as given, for go vet.
	cfg := &o.config
	settings := flag.NewFlagSet("blockcheck", flag.ContinueOnError)
	cfg.BindFlags(settings)
	settings.VisitAll(func(f *flag.Flag) {
		fs.Var(&recorded{Value: f.Value, name: f.Name, args: &o.analyzerArgs}, f.Name, f.Usage)
	})
	usage := func() {
		doc, _, _ := strings.Cut(analyzer.New(analyzer.Config{}).Doc, "\n\n")
		fmt.Fprintf(stderr, "blockcheck: %s\n\nUsage: blockcheck [flags] packages...\n\nFlags:\n", doc)
		// Print the analyzer's flags unwrapped, with their defaults.
		help := flag.NewFlagSet("blockcheck", flag.ContinueOnError)
		help.SetOutput(stderr)
		fs.VisitAll(func(f *flag.Flag) {
			if af := settings.Lookup(f.Name); af != nil {
				f = af
			}
			help.Var(f.Value, f.Name, f.Usage)
		})
		help.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			usage()
		}
		return nil, err
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	switch o.format {
	case "text", "sarif":
	default:
		return nil, fmt.Errorf("unknown -format %q (want text or sarif)", o.format)
	}
	switch {
	case set["test"]:
		return nil, errors.New("-test has no effect: test packages are always loaded; use -tests to analyse _test.go files too")
	case o.diff && o.json:
		return nil, errors.New("-diff and -json cannot be used together")
	case o.diff && !o.fix:
		return nil, errors.New("-diff does nothing without -fix: use -fix -diff to print the fixes as a diff")
	case o.json && o.format == "sarif":
		return nil, errors.New("-json and -format=sarif cannot be used together: choose one output format")
	case o.fix && o.format == "sarif":
		return nil, errors.New("-fix and -format=sarif cannot be used together")
	case set["c"] && (o.json || o.format == "sarif"):
		return nil, errors.New("-c only applies to text output, not with -json or -format=sarif")
	}
	o.patterns = fs.Args()
	if len(o.patterns) == 0 {
		return nil, errors.New("no packages given (usage: blockcheck [flags] packages...; -h lists the flags)")
	}
	cache, err := driver.DefaultCache()
	if err != nil {
		return nil, err
	}
	o.cache = cache
	o.analyzer = analyzer.New(o.config)
	return o, nil
}

// recorded is an analyzer flag whose every setting is kept, as given,
// to be passed on to go vet.
type recorded struct {
	flag.Value
	name string
	args *[]string
}

func (r *recorded) Set(s string) error {
	if err := r.Value.Set(s); err != nil {
		return err
	}
	*r.args = append(*r.args, "-"+r.name+"="+s)
	return nil
}

func (r *recorded) String() string {
	if r == nil || r.Value == nil { // flag.PrintDefaults asks a zero value
		return ""
	}
	return r.Value.String()
}

func (r *recorded) IsBoolFlag() bool {
	b, ok := r.Value.(interface{ IsBoolFlag() bool })
	return ok && b.IsBoolFlag()
}

// drive runs the command and returns its exit status.
func drive(args []string, stdout, stderr io.Writer) int {
	o, err := parseOptions(args, stderr)
	switch {
	case errors.Is(err, flag.ErrHelp):
		return 0
	case err != nil:
		fmt.Fprintf(stderr, "blockcheck: %v\n", err)
		return 2
	}
	// Findings go to standard output, errors and notes to standard
	// error, as other linters do.
	if o.fix && o.diff {
		return runDiff(o, stdout, stderr)
	}
	if o.fix {
		return runFix(o, stdout, stderr)
	}
	res, err := analyse(o, stderr)
	if err != nil {
		fmt.Fprintf(stderr, "blockcheck: %v\n", err)
		return 1
	}
	return badNames(o, res, report(o, res, stdout, stderr), stderr)
}

// badNames prints the names of -entry and -blocking that match no
// function, after the findings, and then turns the exit status into 2,
// a bad flag; otherwise it returns code.
func badNames(o *options, res *result, code int, stderr io.Writer) int {
	msgs := unknownNames(o, res.run)
	for _, m := range msgs {
		fmt.Fprintf(stderr, "blockcheck: %s\n", m)
	}
	if len(msgs) > 0 {
		return 2
	}
	return code
}

// A result is what the analysis found.
type result struct {
	pkgs   []sarif.Package
	failed bool           // some package could not be loaded or analysed
	run    *driver.Result // all of it: the files analysed, the names declared
}

// analyse analyses the packages one at a time in dependency order,
// from export data and the facts of the packages before, with results
// cached (internal/driver). It notes on stderr a cache that could not
// be written.
func analyse(o *options, stderr io.Writer) (*result, error) {
	p := newProgress(stderr, o.verbose)
	stop, stopped := make(chan struct{}), make(chan struct{})
	go func() {
		p.tick(stop)
		close(stopped)
	}()
	res, err := driver.Run(context.Background(), driver.Options{
		Analyzer: o.analyzer,
		Patterns: o.patterns,
		Tags:     o.tags,
		Tests:    o.config.Tests,
		Std:      o.config.Std,
		Settings: o.analyzerArgs,
		Cache:    o.cache,
		Log:      stderr,
		Debug:    os.Getenv("BLOCKCHECK_DEBUG") == "cache",
		Progress: p.update,
	})
	close(stop)
	<-stopped // no status line is drawn after this one is erased
	p.done()
	if err != nil {
		return nil, err
	}
	if res.CacheError != nil {
		fmt.Fprintf(stderr, "blockcheck: note: the cache in %s cannot be written (%v): findings are right, but the next run will not be faster; set BLOCKCHECK_CACHE to a writable absolute directory, or to off\n", o.cache, res.CacheError)
	}
	return &result{pkgs: res.Packages, failed: res.Failed, run: res}, nil
}
