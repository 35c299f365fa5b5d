// Command bench-noop is the floor for scripts/bench: an analyzer that
// does nothing, with the same requirements as blockcheck (one fact
// type, no other analyzers), run by the same drivers.
//
//	bench-noop -driver [-std] packages...   blockcheck's own driver (internal/driver), no cache
//	bench-noop [-nonce=X] packages...       the singlechecker driver
//	go vet -vettool=bench-noop -nonce=X     go vet; a new -nonce value makes go vet's cache cold
package main

import (
	"context"
	"flag"
	"fmt"
	"os"

	"github.com/blockcheck/blockcheck/internal/driver"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/singlechecker"
)

type noFact struct{}

func (*noFact) AFact()         {}
func (*noFact) String() string { return "none" }

func main() {
	a := &analysis.Analyzer{
		Name:      "noop",
		Doc:       "noop does nothing, to measure the driver",
		FactTypes: []analysis.Fact{new(noFact)},
		Run:       func(*analysis.Pass) (any, error) { return nil, nil },
	}
	a.Flags.String("nonce", "", "ignored; a new value makes go vet's cache cold")
	if len(os.Args) > 1 && os.Args[1] == "-driver" {
		fs := flag.NewFlagSet("bench-noop", flag.ExitOnError)
		std := fs.Bool("std", false, "analyse the standard library's packages too")
		fs.Parse(os.Args[2:])
		res, err := driver.Run(context.Background(), driver.Options{Analyzer: a, Patterns: fs.Args(), Std: *std, Log: os.Stderr})
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		if res.Failed {
			os.Exit(1)
		}
		return
	}
	singlechecker.Main(a)
}
