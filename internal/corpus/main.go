// Command corpus runs blockcheck over a corpus of real-world modules and
// reports what it finds, so that changes to the analyzer can be judged by
// their effect on real code (false positives, crashes, run time) rather
// than on test data alone.
//
// Usage, from the repository root:
//
//	go run ./internal/corpus [flags] [-- blockcheck flags]
//
// For each module of the corpus TSV it downloads MODULE@VERSION, copies it
// into a writable work directory under the cache (kept between runs), drops
// its replace directives that point at directories (a module that replaces
// its siblings by ../ paths is built with the versions it requires), builds
// it, runs `blockcheck -json ./...` there, prints one progress line, and at
// the end a summary table. Every finding goes to -out (findings.json, with
// positions relative to the module root) and the per-module numbers to
// CACHE/summary.json.
//
// Exit status: 0 when every module was processed, findings or not (a module
// that does not build counts as processed); 1 when the runner itself failed
// or could not set a module up; 2 with -fail-on-error when blockcheck
// reported analysis errors or crashed.
package main

import (
	"cmp"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"maps"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"strings"
	"text/tabwriter"
	"time"
)

func main() {
	log.SetFlags(0)
	log.SetPrefix("corpus: ")
	home, err := os.UserHomeDir()
	if err != nil {
		log.Fatal(err)
	}
	corpus := flag.String("corpus", filepath.Join("..", "shared", "corpus.tsv"), "corpus `file` (TSV: module, version, kind, notes; header line first)")
	only := flag.String("only", "", "run only modules whose path contains `substring`")
	cache := flag.String("cache", filepath.Join(home, ".cache", "blockcheck-corpus"), "cache `dir` for work copies, the blockcheck binary and results")
	bin := flag.String("blockcheck", "", "blockcheck `binary` (default: build ./cmd/blockcheck into CACHE/bin)")
	out := flag.String("out", "", "findings `file` (default CACHE/findings.json)")
	failOnError := flag.Bool("fail-on-error", false, "exit 2 if blockcheck reports analysis errors or crashes")
	timeout := flag.Duration("timeout", 30*time.Minute, "limit for each command run")
	verbose := flag.Bool("v", false, "log every command run")
	fix := flag.Bool("fix", false, "also apply blockcheck -fix to a scratch copy of each module and check it still builds and vets")
	flag.Usage = func() {
		fmt.Fprintf(flag.CommandLine.Output(), "usage: go run ./internal/corpus [flags] [-- blockcheck flags]\n")
		flag.PrintDefaults()
	}
	flag.Parse()

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	c := &config{extra: flag.Args(), timeout: *timeout, verbose: *verbose, fix: *fix}
	os.Exit(run(ctx, c, *corpus, *only, *cache, *bin, *out, *failOnError))
}

// run does the work of main and returns the exit status.
func run(ctx context.Context, c *config, corpusFile, only, cache, bin, out string, failOnError bool) int {
	mods, err := readCorpus(corpusFile, only)
	if err != nil {
		log.Print(err)
		return 1
	}

	// Resolve symlinks once: the go command reports file names with them
	// resolved, and relPos needs both spellings to agree.
	if err := os.MkdirAll(cache, 0o755); err != nil {
		log.Print(err)
		return 1
	}
	if c.cache, err = filepath.Abs(cache); err == nil {
		c.cache, err = filepath.EvalSymlinks(c.cache)
	}
	if err != nil {
		log.Print(err)
		return 1
	}
	if out == "" {
		out = filepath.Join(c.cache, "findings.json")
	}

	// Module copies may lack complete go.sum files (or have none), so let
	// the go command update them; a go.work above the cache must not leak
	// in; and a module's toolchain line (nats-server names a newer patch
	// release) must not switch Go versions under the driver, which would
	// also mean fetching a toolchain.
	c.env = append(os.Environ(), "GOFLAGS="+strings.TrimSpace(os.Getenv("GOFLAGS")+" -mod=mod"), "GOWORK=off", "GOTOOLCHAIN=local")

	// Related positions often point into dependencies or the standard
	// library; name those relative to GOMODCACHE and GOROOT too.
	stdout, stderr, err := c.run(ctx, c.cache, c.env, "go", "env", "GOMODCACHE", "GOROOT")
	dirs := strings.Fields(string(stdout))
	if err != nil || len(dirs) != 2 {
		log.Printf("go env: %v\n%s", err, stderr)
		return 1
	}
	for i, prefix := range []string{"$GOMODCACHE/", "$GOROOT/"} {
		dir, err := filepath.EvalSymlinks(dirs[i])
		if err != nil {
			dir = dirs[i] // GOMODCACHE may not exist yet
		}
		c.bases = append(c.bases, base{dir, prefix})
	}

	if bin == "" {
		// Always rebuild: it is cheap with the build cache, and a stale
		// binary would silently measure old code. This runs in the
		// repository with the inherited environment (no -mod=mod), so
		// it never rewrites the repository's go.mod.
		bin = filepath.Join(c.cache, "bin", "blockcheck")
		if _, stderr, err := c.run(ctx, ".", nil, "go", "build", "-o", bin, "./cmd/blockcheck"); err != nil {
			log.Printf("building blockcheck: %v\n%s", err, stderr)
			return 1
		}
	}
	// Absolute, because it runs in each module's directory; and checked
	// now rather than failing once per module.
	if c.blockcheck, err = filepath.Abs(bin); err == nil {
		_, err = os.Stat(c.blockcheck)
	}
	if err != nil {
		log.Print(err)
		return 1
	}

	// Start from empty, not nil, slices so the files hold [] rather than null.
	results := []result{}
	findings := []finding{}
	for i, m := range mods {
		if ctx.Err() != nil {
			log.Print("interrupted")
			break
		}
		r, fs := processModule(ctx, c, m)
		fmt.Printf("[%d/%d] %s@%s: %s\n", i+1, len(mods), m.Path, m.Version, progress(&r))
		results = append(results, r)
		findings = append(findings, fs...)
	}
	printSummary(results)
	if c.fix {
		fmt.Print(fixTable(results))
	}

	status := 0
	if err := writeJSON(out, findings); err != nil {
		log.Print(err)
		status = 1
	}
	summary := struct {
		Blockcheck string   `json:"blockcheck"`
		Args       []string `json:"args"`
		Modules    []result `json:"modules"`
	}{c.blockcheck, c.extra, results}
	if err := writeJSON(filepath.Join(c.cache, "summary.json"), summary); err != nil {
		log.Print(err)
		status = 1
	}
	fmt.Printf("wrote %s and %s\n", out, filepath.Join(c.cache, "summary.json"))

	if len(results) < len(mods) || slices.ContainsFunc(results, func(r result) bool { return r.SetupError != "" }) {
		return 1
	}
	if failOnError && slices.ContainsFunc(results, func(r result) bool { return r.failed() }) {
		return 2
	}
	return status
}

// readCorpus reads the corpus file and keeps the modules matching only.
func readCorpus(file, only string) ([]module, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	mods, err := parseCorpus(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", file, err)
	}
	mods = slices.DeleteFunc(mods, func(m module) bool { return !strings.Contains(m.Path, only) })
	if len(mods) == 0 {
		return nil, fmt.Errorf("%s: no module matches -only %q", file, only)
	}
	return mods, nil
}

// progress is the one-line account of a module printed as the run goes.
func progress(r *result) string {
	switch {
	case r.SetupError != "":
		return fmt.Sprintf("SETUP FAILED after %.1fs: %s", r.Seconds, r.SetupError)
	case !r.BuildOK:
		return fmt.Sprintf("build FAILED (%.1fs): %s", r.Seconds, r.BuildError)
	}
	s := fmt.Sprintf("build ok, %d packages, findings %d [%s], errors %d, %.1fs (build %.1fs, analyse %.1fs)",
		r.Packages, r.Findings, categories(r.ByCategory), len(r.AnalysisErrors), r.Seconds, r.Phases.Build, r.Phases.Analyse)
	if r.FixBuildOK != nil {
		if *r.FixBuildOK {
			s += fmt.Sprintf(", %d fixable, builds after -fix", r.Fixable)
		} else {
			s += fmt.Sprintf(", %d fixable, -fix BROKE THE BUILD: %s", r.Fixable, r.FixError)
		}
	}
	if r.Crashed {
		s += ", CRASHED"
	}
	if r.DriverExit != 0 {
		s += fmt.Sprintf(", driver exit %d:\n%s", r.DriverExit, r.DriverStderr)
	}
	return s
}

// fixTable is the per-module account of a -fix run, as a Markdown
// table: findings, fixes applied, and whether the module still builds,
// vets and passes the tests of the packages touched.
func fixTable(results []result) string {
	var b strings.Builder
	b.WriteString("| module | findings | fixed | builds and vets after -fix | tests of touched packages |\n|---|---|---|---|---|\n")
	findings, fixed := 0, 0
	for _, r := range results {
		if r.FixBuildOK == nil {
			continue
		}
		build := "yes"
		if !*r.FixBuildOK {
			build = "NO: " + strings.ReplaceAll(strings.SplitN(r.FixError, "\n", 2)[0], "|", "/")
		} else if r.VetBefore != nil && !*r.VetBefore {
			build = "builds (vet failed before)"
		}
		fmt.Fprintf(&b, "| %s@%s | %d | %d | %s | %s |\n", r.Module, r.Version, r.Findings, r.Fixed, build, cmp.Or(r.Tests, "-"))
		findings += r.Findings
		fixed += r.Fixed
	}
	pct := 0.0
	if findings > 0 {
		pct = 100 * float64(fixed) / float64(findings)
	}
	fmt.Fprintf(&b, "| total | %d | %d (%.0f%%) | | |\n", findings, fixed, pct)
	return b.String()
}

// categories formats findings per category as "a=1 b=2", sorted.
func categories(m map[string]int) string {
	var parts []string
	for _, k := range slices.Sorted(maps.Keys(m)) {
		parts = append(parts, fmt.Sprintf("%s=%d", k, m[k]))
	}
	if parts == nil {
		return "-"
	}
	return strings.Join(parts, " ")
}

func printSummary(results []result) {
	w := tabwriter.NewWriter(os.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "\nmodule\tversion\tbuild\tpackages\tfindings\terrors\tseconds\tby category\t")
	total := result{ByCategory: map[string]int{}}
	for _, r := range results {
		build := "ok"
		switch {
		case r.SetupError != "":
			build = "SETUP"
		case !r.BuildOK:
			build = "FAILED"
		case r.Crashed:
			build = "ok/CRASH"
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%d\t%d\t%d\t%.1f\t%s\t\n", r.Module, r.Version, build,
			r.Packages, r.Findings, len(r.AnalysisErrors), r.Seconds, categories(r.ByCategory))
		total.Packages += r.Packages
		total.Findings += r.Findings
		total.Seconds += r.Seconds
		total.AnalysisErrors = append(total.AnalysisErrors, r.AnalysisErrors...)
		for k, v := range r.ByCategory {
			total.ByCategory[k] += v
		}
	}
	fmt.Fprintf(w, "total\t\t\t%d\t%d\t%d\t%.1f\t%s\t\n", total.Packages, total.Findings,
		len(total.AnalysisErrors), total.Seconds, categories(total.ByCategory))
	w.Flush()
}

func writeJSON(file string, v any) error {
	data, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(file, append(data, '\n'), 0o644)
}
