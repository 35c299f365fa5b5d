package analyzer_test

import (
	"strings"
	"testing"

	"github.com/blockcheck/blockcheck/analyzer"
	"golang.org/x/tools/go/analysis/analysistest"
)

// withChan switches on the families that are off by default, for the
// tests whose testdata covers every rule.
func withChan(c analyzer.Config) analyzer.Config {
	c.Enable = append(c.Enable, analyzer.DefaultOff...)
	return c
}

// TestChanOffByDefault: by default a channel operation is no finding,
// not even under a lock or in an event loop, while the other rules
// report as usual; -enable=chan reports them all.
func TestChanOffByDefault(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), analyzer.New(analyzer.Config{}), "defaultoff")

	results := analysistest.Run(quietT{t}, analysistest.TestData(), analyzer.New(withChan(analyzer.Config{})), "defaultoff")
	var chans []string
	for _, r := range results {
		for _, d := range r.Diagnostics {
			if strings.Contains(d.Message, "send on") || strings.Contains(d.Message, "receive from") {
				chans = append(chans, d.Category+": "+d.Message)
			}
		}
	}
	if len(chans) != 3 {
		t.Errorf("with -enable=chan, %d channel findings, want 3 (chan, sync, eventloop):\n%s", len(chans), strings.Join(chans, "\n"))
	}

	// Disable wins over Enable.
	a := analyzer.New(analyzer.Config{})
	for _, set := range [][2]string{{"enable", "chan"}, {"disable", "chan"}} {
		if err := a.Flags.Set(set[0], set[1]); err != nil {
			t.Fatal(err)
		}
	}
	analysistest.Run(t, analysistest.TestData(), a, "defaultoff")
	if err := analyzer.New(analyzer.Config{}).Flags.Set("enable", "chans"); err == nil || !strings.Contains(err.Error(), `unknown rule family "chans"`) {
		t.Errorf("-enable=chans: %v", err)
	}
}

// quietT keeps analysistest from failing on the findings the wants of
// the default configuration do not expect.
type quietT struct{ *testing.T }

func (quietT) Errorf(string, ...any) {}
