package analyzer_test

import (
	"testing"

	"github.com/blockcheck/blockcheck/analyzer"
	"golang.org/x/tools/go/analysis/analysistest"
)

// TestFieldCtx: a receiver's context field that the package only sets
// to contexts that can end is at hand in its methods; the fixes use it.
func TestFieldCtx(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), analyzer.New(analyzer.Config{}), "fieldctx")
}
