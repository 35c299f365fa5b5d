package analyzer_test

import (
	"strings"
	"testing"

	"github.com/blockcheck/blockcheck/analyzer"
	"golang.org/x/tools/go/analysis/analysistest"
)

// TestWording pins the messages' wording: the // want comments of
// package wording, and here the note at each entry point, which never
// repeats the description's words, and the fixes' titles, which name
// the context in scope and say when the lock stays held.
func TestWording(t *testing.T) {
	results := analysistest.Run(t, analysistest.TestData(), analyzer.New(analyzer.Config{Entries: []string{"wording.named"}}), "wording")
	notes := map[string]string{}   // first line of the message -> note at the entry point
	fixes := map[string][]string{} // likewise -> fix titles
	for _, r := range results {
		for _, d := range r.Diagnostics {
			key := d.Message
			if i := strings.Index(key, " ignores"); i >= 0 {
				key = key[:i]
			}
			if i := strings.Index(key, " makes every"); i >= 0 {
				key = key[:i]
			}
			if len(d.Related) > 0 {
				notes[key] = d.Related[0].Message
			}
			for _, f := range d.SuggestedFixes {
				fixes[key] = append(fixes[key], f.Message)
			}
		}
	}
	for key, want := range map[string]string{
		"time.Sleep in entry point loop":                      "entry point loop, marked //blockcheck:entry",
		"time.Sleep in entry point named":                     "entry point named, named by the entry setting (-entry)",
		"time.Sleep in HTTP handler status":                   "entry point: HTTP handler status",
		"time.Sleep in HTTP handler (func literal in routes)": "entry point: HTTP handler (func literal in routes)",
		"time.Sleep while c.mu is held in (*cache).refresh":   "c.mu locked here",
	} {
		if got := notes[key]; got != want {
			t.Errorf("%s: note at the entry point %q, want %q", key, got, want)
		}
	}
	for key, want := range map[string]string{
		"time.Sleep while c.mu is held in (*cache).refresh": "Wait on a timer in a select with ctx.Done(), keeping the lock",
		"time.Sleep in HTTP handler status":                 "Wait on a timer in a select with r.Context().Done()",
		"net.Dial in HTTP handler status":                   "Use (&net.Dialer{}).DialContext(r.Context(), ...)",
	} {
		if got := strings.Join(fixes[key], "; "); got != want {
			t.Errorf("%s: fixes %q, want %q", key, got, want)
		}
	}
}
