package analyzer_test

import (
	"testing"

	"github.com/blockcheck/blockcheck/analyzer"
	"golang.org/x/tools/go/analysis/analysistest"
)

// TestLocalContext: a function that takes no context but makes or
// finds one is judged for what it does in that context's scope; a
// context that is never done, or out of scope, gives nothing.
func TestLocalContext(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), analyzer.New(analyzer.Config{}), "localctx/...")
}
