package analyzer_test

import (
	"testing"

	"github.com/blockcheck/blockcheck/analyzer"
	"golang.org/x/tools/go/analysis/analysistest"
)

// TestNothingToHonour: a sleep or timer wait in a goroutine is a
// finding when the goroutine has a context, a stop channel or a way
// out to honour, or when the wait is in an open loop; a single pause,
// or a counted loop, in a goroutine nothing could stop is not. A
// request, query or dial there (honour/io) is a finding only when a
// context or quit channel exists in the goroutine or in its starter.
func TestNothingToHonour(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), analyzer.New(analyzer.Config{}), "honour/...")
}
