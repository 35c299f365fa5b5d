package analyzer_test

import (
	"testing"

	"github.com/blockcheck/blockcheck/analyzer"
	"golang.org/x/tools/go/analysis/analysistest"
)

// TestWayOutFix: a goroutine with no context waits in a select on the
// quit channel it already selects on elsewhere.
func TestWayOutFix(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), analyzer.New(analyzer.Config{}), "wayout")
}
