package analyzer_test

import (
	"strings"
	"testing"

	"github.com/blockcheck/blockcheck/analyzer"
	"golang.org/x/tools/go/analysis/analysistest"
)

// TestThreadFix: the context is passed down the path, through new
// parameters or a twin of an exported function, or not at all.
func TestThreadFix(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), analyzer.New(analyzer.Config{}), "thread")
}

// TestTwinCallFix: a call into another package's function that has a
// Context twin calls the twin.
func TestTwinCallFix(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), analyzer.New(analyzer.Config{}), "threadx")
}

// TestThreadFixImports: a file where the fix only passes an existing
// ctx along gets no import of context, which would be unused there
// (the golden comparison cannot see it: imports are cleaned up before
// it compares).
func TestThreadFixImports(t *testing.T) {
	results := analysistest.Run(t, analysistest.TestData(), analyzer.New(analyzer.Config{}), "thread")
	checked := 0
	for _, r := range results {
		for _, d := range r.Diagnostics {
			for _, f := range d.SuggestedFixes {
				for _, e := range f.TextEdits {
					file := r.Pass.Fset.File(e.Pos)
					if file == nil || !strings.HasSuffix(file.Name(), "tables.go") {
						continue
					}
					checked++
					if strings.Contains(string(e.NewText), `"context"`) {
						t.Errorf("fix %q imports context into tables.go, which only passes ctx", f.Message)
					}
				}
			}
		}
	}
	if checked == 0 {
		t.Fatal("no fix edits tables.go")
	}
}
