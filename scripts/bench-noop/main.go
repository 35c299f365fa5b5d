// Command noop is the floor for scripts/bench: an analyzer that does
// nothing, with the same requirements as blockcheck (a fact type and
// no other analyzers), run by the same driver.
package main

import (
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/singlechecker"
)

type noFact struct{}

func (*noFact) AFact()         {}
func (*noFact) String() string { return "none" }

func main() {
	singlechecker.Main(&analysis.Analyzer{
		Name:      "noop",
		Doc:       "noop does nothing, to measure the driver",
		FactTypes: []analysis.Fact{new(noFact)},
		Run:       func(*analysis.Pass) (any, error) { return nil, nil },
	})
}
