package analyzer

import (
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"
)

// TestPanicBecomesFinding: a crash in one function becomes one finding
// naming it, and the package's analysis ends without an error.
func TestPanicBecomesFinding(t *testing.T) {
	results := analysistest.Run(fakeT{t}, analysistest.TestData(), New(Config{panicIn: "handler"}), "disable")
	var msgs []string
	for _, r := range results {
		if r.Err != nil {
			t.Errorf("analysis error: %v", r.Err)
		}
		for _, d := range r.Diagnostics {
			msgs = append(msgs, d.Category+": "+d.Message)
		}
	}
	if len(msgs) != 1 || !strings.HasPrefix(msgs[0], "internal: internal error: blockcheck failed while analysing handler in package disable: injected by a test") {
		t.Errorf("findings: %q", msgs)
	}
}

// fakeT drops analysistest's complaints about unmatched expectations:
// this test checks the findings itself.
type fakeT struct{ *testing.T }

func (fakeT) Errorf(string, ...any) {}
