package analyzer_test

import (
	"strings"
	"testing"

	"github.com/blockcheck/blockcheck/analyzer"
	"golang.org/x/tools/go/analysis/analysistest"
)

// TestMainEntry: the goroutines main starts are entry points when the
// program serves HTTP or gRPC or waits for a signal, and not when main
// does its work and returns; main itself and init never are.
func TestMainEntry(t *testing.T) {
	results := analysistest.Run(t, analysistest.TestData(), analyzer.New(analyzer.Config{}), "mainentry/...")
	// The path of a finding starts at what makes main long-running,
	// then the go statement.
	checked := 0
	for _, r := range results {
		for _, d := range r.Diagnostics {
			if !strings.HasPrefix(d.Message, "time.Sleep in the goroutine (*server).cleanup") {
				continue
			}
			checked++
			var got []string
			for _, rel := range d.Related {
				p := r.Pass.Fset.Position(rel.Pos)
				got = append(got, p.String()[strings.LastIndex(p.String(), "/")+1:]+" "+rel.Message)
			}
			want := []string{
				"main.go:44:2 (*http.Server).ListenAndServe makes main an HTTP server: the goroutines it starts are entry points",
				"main.go:32:2 goroutine started here",
			}
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("related positions:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
		}
	}
	if checked != 1 {
		t.Errorf("checked %d sleep findings of (*server).cleanup, want 1", checked)
	}
}
