package analyzer_test

import (
	"testing"

	"github.com/blockcheck/blockcheck/analyzer"
	"golang.org/x/tools/go/analysis/analysistest"
)

// TestThreadFix: the context is passed down the path, through new
// parameters or a twin of an exported function, or not at all.
func TestThreadFix(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), analyzer.New(analyzer.Config{}), "thread")
}

// TestTwinCallFix: a call into another package's function that has a
// Context twin calls the twin.
func TestTwinCallFix(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), analyzer.New(analyzer.Config{}), "threadx")
}
