package analyzer_test

import (
	"testing"

	"github.com/blockcheck/blockcheck/analyzer"
	"golang.org/x/tools/go/analysis/analysistest"
)

// TestSinks: a request or command built without a context is a finding
// where a function it is passed to sends or runs it, in this package
// or, through facts, in another; not where it is only looked at.
func TestSinks(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), analyzer.New(analyzer.Config{}), "sinks/...")
}
