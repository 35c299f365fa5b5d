package analyzer_test

import (
	"testing"

	"github.com/blockcheck/blockcheck/analyzer"
	"golang.org/x/tools/go/analysis/analysistest"
)

// TestStopChannel: a function that takes a <-chan struct{} is judged
// for its own sleeps and timer waits that do not also wait on it; its
// other calls, and functions with a send-only channel, are not.
func TestStopChannel(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), analyzer.New(analyzer.Config{}), "stopchan")
}

// TestStopChannelFixes: the wait selects on the stop channel, and
// returns as the function already does when it is closed.
func TestStopChannelFixes(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), analyzer.New(analyzer.Config{}), "stopchan")
}
