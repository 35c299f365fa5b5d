package analyzer_test

import (
	"strings"
	"testing"

	"github.com/blockcheck/blockcheck/analyzer"
	"golang.org/x/tools/go/analysis/analysistest"
)

// TestFacts checks the facts of an upstream package, a middle one that
// passes them on, and the findings of a downstream one, with the
// path each finding explains.
func TestFacts(t *testing.T) {
	results := analysistest.Run(t, analysistest.TestData(), analyzer.New(withChan(analyzer.Config{})),
		"facts/store", "facts/service", "facts/app")
	found := false
	for _, r := range results {
		for _, d := range r.Diagnostics {
			if !strings.HasPrefix(d.Message, "call to service.Process") {
				continue
			}
			found = true
			var msgs []string
			for _, rel := range d.Related {
				msgs = append(msgs, rel.Message)
			}
			got := strings.Join(msgs, " | ")
			want := "entry point: HTTP handler handle | service.Process blocks in time.Sleep at store.go:12 via store.Save"
			if got != want {
				t.Errorf("related positions:\n got %s\nwant %s", got, want)
			}
		}
	}
	if !found {
		t.Error("no finding for the call to service.Process")
	}
}
