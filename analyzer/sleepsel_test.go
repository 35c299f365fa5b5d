package analyzer_test

import (
	"testing"

	"github.com/blockcheck/blockcheck/analyzer"
	"golang.org/x/tools/go/analysis/analysistest"
)

// TestTimerSelects: a select whose only way out is a timer ignores the
// context at hand, and a for-select over a ticker alone never ends;
// a case on ctx.Done() or a quit channel, or no context at hand, is
// silent.
func TestTimerSelects(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), analyzer.New(analyzer.Config{}), "sleepsel")
}
