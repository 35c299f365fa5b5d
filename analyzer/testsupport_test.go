package analyzer_test

import (
	"strings"
	"testing"

	"github.com/blockcheck/blockcheck/analyzer"
	"golang.org/x/tools/go/analysis/analysistest"
)

// TestTestSupport: a file that imports testing outside a _test.go
// file is test support, silent by default and analysed with -tests;
// the package's other files are analysed as usual.
func TestTestSupport(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), analyzer.New(analyzer.Config{}), "testsupport/...")

	var got []string
	for _, r := range analysistest.Run(quietT{t}, analysistest.TestData(), analyzer.New(analyzer.Config{Tests: true}), "testsupport/...") {
		for _, d := range r.Diagnostics {
			got = append(got, d.Message)
		}
	}
	for _, want := range []string{"time.Sleep in (*Server).Wait", "time.Sleep in (*Suite).Wait", "time.Sleep in Wait"} {
		found := false
		for _, g := range got {
			found = found || strings.Contains(g, want)
		}
		if !found {
			t.Errorf("with -tests, findings = %q, want one with %q", got, want)
		}
	}
}
