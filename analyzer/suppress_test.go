package analyzer_test

import (
	"testing"

	"github.com/blockcheck/blockcheck/analyzer"
	"golang.org/x/tools/go/analysis/analysistest"
)

// TestSuppress: an ignore with a reason silences its line, the next
// line, or a whole function and what it reaches; one without a reason
// is reported.
func TestSuppress(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), analyzer.New(withChan(analyzer.Config{})), "suppress")
}

// TestExclude: main, init, generated files and test files stay silent.
func TestExclude(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), analyzer.New(withChan(analyzer.Config{})), "exclude/...")
}

// TestTestsFlag: with Tests set, test files are analysed.
func TestTestsFlag(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), analyzer.New(withChan(analyzer.Config{Tests: true})), "withtests")
}

// TestPrecision: shapes from real code that must stay silent, beside
// the nearest shapes that must still be reported.
func TestPrecision(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), analyzer.New(withChan(analyzer.Config{})), "precision")
	analysistest.Run(t, analysistest.TestData(), analyzer.New(analyzer.Config{Tests: true}), "precision/tb")
}
