package analyzer_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/blockcheck/blockcheck/analyzer"
)

// TestPatterns runs blockcheck over testdata that reproduces, in the
// shapes real projects write them, the twelve blocking-bug patterns of
// PATTERNS.md, each beside its clean twin.
func TestPatterns(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), analyzer.New(withChan(analyzer.Config{})), "patterns/...")
}
