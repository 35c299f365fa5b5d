package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"

	"github.com/blockcheck/blockcheck/analyzer"
	"github.com/blockcheck/blockcheck/internal/driver"
	"github.com/blockcheck/blockcheck/internal/sarif"
	"golang.org/x/tools/go/analysis"
)

// options are the command's flags once parsed.
type options struct {
	fix, diff, json bool
	context         int    // -c: lines of source around each finding; -1 none
	format          string // text or sarif
	tags            string
	analyzerArgs    []string // blockcheck's own flags, as given, for every package
	patterns        []string
	analyzer        *analysis.Analyzer // configured by the flags
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
	fs.Bool("test", true, "accepted for compatibility with other analysis drivers: test packages are always loaded, and _test.go files are analysed only with -tests")

	a := analyzer.New(analyzer.Config{})
	o.analyzer = a
	a.Flags.VisitAll(func(f *flag.Flag) {
		fs.Var(&recorded{Value: f.Value, name: f.Name, args: &o.analyzerArgs}, f.Name, f.Usage)
	})
	usage := func() {
		doc, _, _ := strings.Cut(a.Doc, "\n\n")
		fmt.Fprintf(stderr, "blockcheck: %s\n\nUsage: blockcheck [flags] packages...\n\nFlags:\n", doc)
		// Print the analyzer's flags unwrapped, with their defaults.
		help := flag.NewFlagSet("blockcheck", flag.ContinueOnError)
		help.SetOutput(stderr)
		fs.VisitAll(func(f *flag.Flag) {
			if af := a.Flags.Lookup(f.Name); af != nil {
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
	switch o.format {
	case "text", "sarif":
	default:
		return nil, fmt.Errorf("unknown -format %q (want text or sarif)", o.format)
	}
	if o.diff && o.json {
		return nil, errors.New("-diff and -json cannot be used together")
	}
	if o.fix && o.format == "sarif" {
		return nil, errors.New("-fix and -format=sarif cannot be used together")
	}
	o.patterns = fs.Args()
	if len(o.patterns) == 0 {
		return nil, errors.New("no packages given (usage: blockcheck [flags] packages...; -h lists the flags)")
	}
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
	if o.fix && o.diff {
		return vetDiff(o, stdout, stderr)
	}
	if o.fix {
		return runFix(o, stdout, stderr)
	}
	res, err := analyse(o, stderr)
	if err != nil {
		fmt.Fprintf(stderr, "blockcheck: %v\n", err)
		return 1
	}
	return report(o, res, stdout, stderr)
}

// A result is what the analysis found.
type result struct {
	pkgs   []sarif.Package
	failed bool // some package could not be loaded or analysed
}

// analyse analyses the packages one at a time in dependency order,
// from export data and the facts of the packages before, with results
// cached (internal/driver).
func analyse(o *options, stderr io.Writer) (*result, error) {
	res, err := driver.Run(context.Background(), driver.Options{
		Analyzer: o.analyzer,
		Patterns: o.patterns,
		Tags:     o.tags,
		Tests:    flagSet(o.analyzer, "tests"),
		Std:      flagSet(o.analyzer, "std"),
		Settings: o.analyzerArgs,
		Cache:    driver.DefaultCache(),
		Log:      stderr,
		Debug:    os.Getenv("BLOCKCHECK_DEBUG") == "cache",
	})
	if err != nil {
		return nil, err
	}
	return &result{pkgs: res.Packages, failed: res.Failed}, nil
}

// flagSet reports whether a boolean flag of the analyzer is true.
func flagSet(a *analysis.Analyzer, name string) bool {
	f := a.Flags.Lookup(name)
	return f != nil && f.Value.String() == "true"
}

// vet runs go vet with this executable as the vet tool and returns its
// exit status; err is set only when it could not be run at all.
func vet(o *options, extra []string, stdout, stderr io.Writer) (int, error) {
	self, err := os.Executable()
	if err != nil {
		return 0, fmt.Errorf("cannot find this executable to pass to go vet: %v", err)
	}
	args := []string{"vet", "-vettool=" + self}
	if o.tags != "" {
		args = append(args, "-tags="+o.tags)
	}
	args = append(args, extra...)
	args = append(args, o.analyzerArgs...)
	args = append(args, o.patterns...)
	cmd := exec.Command("go", args...)
	cmd.Stdout, cmd.Stderr = stdout, stderr
	err = cmd.Run()
	var exit *exec.ExitError
	switch {
	case err == nil:
		return 0, nil
	case errors.As(err, &exit):
		return exit.ExitCode(), nil
	}
	return 0, fmt.Errorf("running go vet: %v", err)
}

// vetDiff prints the fixes as a diff: go vet computes it from the same
// fixes, and writes nothing. Go vet exits 1 when it printed a diff, as
// when it failed; only a failure says something on stderr. Like the
// other analysis drivers, -fix -diff exits 0 with or without a diff.
func vetDiff(o *options, stdout, stderr io.Writer) int {
	var errs bytes.Buffer
	code, err := vet(o, []string{"-fix", "-diff"}, stdout, &errs)
	stderr.Write(errs.Bytes())
	if err != nil {
		fmt.Fprintf(stderr, "blockcheck: %v\n", err)
		return 1
	}
	if code != 0 && strings.TrimSpace(errs.String()) != "" {
		return 1
	}
	return 0
}
