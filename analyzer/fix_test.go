package analyzer_test

import (
	"testing"

	"github.com/blockcheck/blockcheck/analyzer"
	"golang.org/x/tools/go/analysis/analysistest"
)

// TestFixes applies every suggested fix and compares with the golden
// files, which include the cases where no fix may be offered.
func TestFixes(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), analyzer.New(withChan(analyzer.Config{})), "fixes")
}

// TestWitnessFixes: the fixes that follow a channel's witness, and the
// refusals where a fix could panic or wait.
func TestWitnessFixes(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), analyzer.New(analyzer.Config{}), "witnessfix")
}

// TestOffloadFixes: a call no context can cancel, where one is at
// hand, is waited for in a goroutine. Results assigned to variables
// that exist already or to fields are set from copies once the call
// returned; an if statement's initialiser moves before the if unless
// that changes what a name means (then, and in an else-if, no fix).
func TestOffloadFixes(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), analyzer.New(analyzer.Config{}), "offload")
}
