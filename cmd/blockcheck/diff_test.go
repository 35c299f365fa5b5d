package main

import (
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// apply rebuilds the new lines from the old ones and the changes.
func apply(a, b []string, changes []change) []string {
	var out []string
	at := 0
	for _, c := range changes {
		out = append(out, a[at:c.a0]...)
		out = append(out, b[c.b0:c.b1]...)
		at = c.a1
	}
	return append(out, a[at:]...)
}

// TestDiffLinesRandom: on random texts, the changes turn the old lines
// into the new ones, in order, and take no more lines than needed to
// when one text is the other with lines inserted.
func TestDiffLinesRandom(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	words := []string{"a\n", "b\n", "c\n", "d\n"}
	for range 2000 {
		a := make([]string, r.IntN(12))
		for i := range a {
			a[i] = words[r.IntN(len(words))]
		}
		b := make([]string, r.IntN(12))
		for i := range b {
			b[i] = words[r.IntN(len(words))]
		}
		changes := diffLines(a, b)
		if got := apply(a, b, changes); strings.Join(got, "") != strings.Join(b, "") {
			t.Fatalf("a=%q b=%q: changes %v give %q", a, b, changes, got)
		}
		for i := 1; i < len(changes); i++ {
			if changes[i].a0 < changes[i-1].a1 || changes[i].b0 < changes[i-1].b1 {
				t.Fatalf("changes out of order: %v", changes)
			}
		}
		// Only insertions: the script deletes nothing.
		c := append(append([]string{}, a...), "x\n")
		c = append([]string{"y\n"}, c...)
		for _, ch := range diffLines(a, c) {
			if ch.a1 != ch.a0 {
				t.Fatalf("a=%q c=%q: %v deletes", a, c, diffLines(a, c))
			}
		}
	}
}

// TestUnifiedDiffGitApply: git apply takes the diff and gives the new
// text, with changes far apart and close together, at both ends, and
// with no newline at the end of the old file.
func TestUnifiedDiffGitApply(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
	var lines []string
	for i := range 40 {
		lines = append(lines, strings.Repeat("x", i%7)+"\n")
	}
	old := strings.Join(lines, "")
	edited := append([]string{}, lines...)
	edited[0] = "first\n"
	edited[5] = "five\n"
	edited[9] = "nine\n" // within six lines of the one before: one hunk
	edited = append(edited[:20], append([]string{"new\n", "lines\n"}, edited[20:]...)...)
	edited = edited[:len(edited)-1]
	for _, tc := range []struct{ name, before, after string }{
		{"edits", old, strings.Join(edited, "")},
		{"no final newline", "package p\n\nvar x = 1", "package p\n\nvar x = 2\n"},
		{"empty to text", "", "package p\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			file := filepath.Join(dir, "sub", "f.go")
			if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(file, []byte(tc.before), 0o644); err != nil {
				t.Fatal(err)
			}
			patch := filepath.Join(t.TempDir(), "fix.diff")
			if err := os.WriteFile(patch, []byte(unifiedDiff("sub/f.go", []byte(tc.before), []byte(tc.after))), 0o644); err != nil {
				t.Fatal(err)
			}
			cmd := exec.Command("git", "apply", patch)
			cmd.Dir = dir
			if out, err := cmd.CombinedOutput(); err != nil {
				data, _ := os.ReadFile(patch)
				t.Fatalf("git apply: %v\n%s\npatch:\n%s", err, out, data)
			}
			if got, _ := os.ReadFile(file); string(got) != tc.after {
				t.Errorf("after git apply:\n%s\nwant:\n%s", got, tc.after)
			}
		})
	}
	if d := unifiedDiff("f.go", []byte(old), []byte(old)); d != "" {
		t.Errorf("diff of equal texts: %q", d)
	}
}
