package analyzer_test

import (
	"strings"
	"testing"

	"github.com/blockcheck/blockcheck/analyzer"
	"golang.org/x/tools/go/analysis/analysistest"
)

// TestTestSupport: a package that imports testing outside its tests
// is test support, silent by default and analysed with -tests.
func TestTestSupport(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), analyzer.New(analyzer.Config{}), "testsupport/...")

	var got []string
	for _, r := range analysistest.Run(quietT{t}, analysistest.TestData(), analyzer.New(analyzer.Config{Tests: true}), "testsupport/fake") {
		for _, d := range r.Diagnostics {
			got = append(got, d.Message)
		}
	}
	if len(got) != 1 || !strings.Contains(got[0], "time.Sleep in (*Server).Wait") {
		t.Errorf("with -tests, test support findings = %q, want the sleep in (*Server).Wait", got)
	}
}
