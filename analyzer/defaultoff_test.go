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

// TestChanAuditOffByDefault: by default a channel operation without a
// witness is no finding, not even under a lock or in an event loop,
// while the other rules report as usual; -enable=chanaudit reports
// them all.
func TestChanAuditOffByDefault(t *testing.T) {
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
		t.Errorf("with -enable=chanaudit, %d channel findings, want 3 (chan, sync, eventloop):\n%s", len(chans), strings.Join(chans, "\n"))
	}

	// Disable wins over Enable.
	a := analyzer.New(analyzer.Config{})
	for _, set := range [][2]string{{"enable", "chanaudit"}, {"disable", "chanaudit"}} {
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

// TestChanDisable: the witnessed channel findings are on by default,
// and -disable=chan switches them off.
func TestChanDisable(t *testing.T) {
	count := func(cfg analyzer.Config) int {
		n := 0
		for _, r := range analysistest.Run(quietT{t}, analysistest.TestData(), analyzer.New(cfg), "witness") {
			for _, d := range r.Diagnostics {
				if d.Category == string(analyzer.Chan) {
					n++
				}
			}
		}
		return n
	}
	if n := count(analyzer.Config{}); n < 10 {
		t.Errorf("by default, %d chan findings on witness, want at least 10", n)
	}
	if n := count(analyzer.Config{Disable: []analyzer.Family{analyzer.Chan}}); n != 0 {
		t.Errorf("with -disable=chan, %d chan findings on witness, want 0", n)
	}
}
