// Command noop is the floor for scripts/bench: an analyzer that does
// nothing, with the same requirements as blockcheck (a fact type and
// no other analyzers), run by the same drivers. Its -nonce flag does
// nothing either: a new value gives go vet a new cache key, so that a
// run under go vet starts from a cold vet cache.
package main

import (
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
	singlechecker.Main(a)
}
