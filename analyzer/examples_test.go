package analyzer_test

import (
	"path/filepath"
	"testing"

	"github.com/blockcheck/blockcheck/analyzer"
	"golang.org/x/tools/go/analysis/analysistest"
)

// TestExamples runs blockcheck on the example module the README runs it
// on: every finding must be one its // want comments expect, and every
// expectation must be met.
func TestExamples(t *testing.T) {
	analysistest.Run(t, filepath.Join("..", "examples"), analyzer.New(withChan(analyzer.Config{})), "./...")
}
