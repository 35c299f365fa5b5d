package analyzer_test

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/blockcheck/blockcheck/analyzer"
)

// TestDocsCoverEveryFamily keeps doc.go, the README and the list of
// families in step: every family has a rule section in doc.go and a
// row and a mention in the README, and there is no rule without a
// family.
func TestDocsCoverEveryFamily(t *testing.T) {
	doc, err := os.ReadFile("doc.go")
	if err != nil {
		t.Fatal(err)
	}
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	sections := map[string]bool{}
	for _, m := range regexp.MustCompile(`(?m)^# Rule (\w+)$`).FindAllStringSubmatch(string(doc), -1) {
		sections[m[1]] = true
	}
	for _, f := range analyzer.Families {
		if !sections[string(f)] {
			t.Errorf("doc.go has no # Rule %s section", f)
		}
		if !strings.Contains(string(readme), "| `"+string(f)+"` |") {
			t.Errorf("README's rule table has no row for %s", f)
		}
		delete(sections, string(f))
	}
	for s := range sections {
		t.Errorf("doc.go documents rule %s, which is no family", s)
	}
}

func TestRules(t *testing.T) {
	rules := analyzer.Rules()
	if len(rules) != len(analyzer.Families) {
		t.Fatalf("%d rules, want %d", len(rules), len(analyzer.Families))
	}
	for _, r := range rules {
		if r.Text == "" || strings.Contains(r.Text, "# Rule") {
			t.Errorf("rule %s: bad text %q", r.Family, r.Text)
		}
	}
	if !strings.Contains(rules[0].Text, "WRONG: time.Sleep(backoff)") {
		t.Errorf("sleep rule lacks its example: %q", rules[0].Text)
	}
}
