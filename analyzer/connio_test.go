package analyzer_test

import (
	"testing"

	"github.com/blockcheck/blockcheck/analyzer"
	"golang.org/x/tools/go/analysis/analysistest"
)

// TestConnIO: reads and writes on a connection a function with a
// context dialed are findings unless a deadline or a close bounds
// them; the fix closes the connection with context.AfterFunc.
func TestConnIO(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), analyzer.New(analyzer.Config{}), "connio/...")
}
