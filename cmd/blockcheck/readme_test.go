package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// releaseMarker is what a line of the README says when it shows a form
// that needs a tagged release (go install ...@version, a rev: tag).
const releaseMarker = "once a release is tagged"

var (
	// An install from the module path with a version: go install,
	// go run or go get -tool ...@something.
	versionedInstall = regexp.MustCompile(`github\.com/blockcheck/blockcheck\S*@`)
	// A pre-commit rev that names a tag.
	revTag = regexp.MustCompile(`rev:\s*v\d`)
	// The value given to -vettool, quoted or not.
	vettool = regexp.MustCompile(`-vettool=("[^"]*"|'[^']*'|[^\s` + "`" + `]+)`)
	// A markdown link.
	link = regexp.MustCompile(`\]\(([^)\s]+)\)`)
)

// TestREADME keeps the README short and its commands runnable: no
// install step that needs a release that is not tagged, no go vet
// example that can silently run without blockcheck, and no link to a
// file or section that is not there.
func TestREADME(t *testing.T) {
	root := filepath.Join("..", "..")
	data, err := os.ReadFile(filepath.Join(root, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
	if len(lines) > 300 {
		t.Errorf("README.md has %d lines, want at most 300: move details to docs/", len(lines))
	}

	for _, l := range lines {
		l = strings.TrimSpace(l)
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		if !strings.HasSuffix(l, ".") || strings.Contains(strings.TrimSuffix(l, "."), ". ") {
			t.Errorf("README.md should open with a one-sentence description, got %q", l)
		}
		break
	}

	for i, l := range lines {
		n := i + 1
		released := strings.Contains(l, releaseMarker)
		if strings.Contains(l, "@latest") && !released {
			t.Errorf("README.md:%d: @latest needs a tagged release: %s", n, l)
		}
		if versionedInstall.MatchString(l) && !released {
			t.Errorf("README.md:%d: a versioned install needs a tagged release; say %q: %s", n, releaseMarker, l)
		}
		if revTag.MatchString(l) && !released {
			t.Errorf("README.md:%d: rev: names a tag; use a commit SHA: %s", n, l)
		}
		for _, m := range vettool.FindAllStringSubmatch(l, -1) {
			v := strings.Trim(m[1], `"'`)
			// $(command -v blockcheck) or $(go tool -n blockcheck) is
			// empty when blockcheck is missing, and go vet then runs
			// without it, prints nothing and exits 0.
			whole := strings.HasPrefix(v, "$(") && strings.HasSuffix(v, ")")
			if (whole || strings.Contains(v, "command -v")) && !strings.Contains(v, "||") {
				t.Errorf("README.md:%d: -vettool=%s is empty when blockcheck is missing; give a path, or add || echo missing-blockcheck", n, m[1])
			}
		}
	}

	docs, _ := filepath.Glob(filepath.Join(root, "docs", "*.md"))
	for _, md := range append([]string{filepath.Join(root, "README.md")}, docs...) {
		checkLinks(t, md)
	}
}

// checkLinks reports the relative links of a markdown file, outside
// code blocks, to files or headings that do not exist.
func checkLinks(t *testing.T, md string) {
	t.Helper()
	data, err := os.ReadFile(md)
	if err != nil {
		t.Fatal(err)
	}
	inFence := false
	for i, l := range strings.Split(string(data), "\n") {
		if strings.HasPrefix(strings.TrimSpace(l), "```") {
			inFence = !inFence
			continue
		}
		if inFence {
			continue
		}
		for _, m := range link.FindAllStringSubmatch(l, -1) {
			target := m[1]
			if strings.Contains(target, "://") || strings.HasPrefix(target, "mailto:") {
				continue
			}
			file, anchor, _ := strings.Cut(target, "#")
			path := md
			if file != "" {
				path = filepath.Join(filepath.Dir(md), file)
				if _, err := os.Stat(path); err != nil {
					t.Errorf("%s:%d: link to %s: %v", md, i+1, target, err)
					continue
				}
			}
			if anchor != "" && strings.HasSuffix(path, ".md") && !hasHeading(t, path, anchor) {
				t.Errorf("%s:%d: link to %s: no such heading", md, i+1, target)
			}
		}
	}
}

// hasHeading reports whether a markdown file has a heading whose
// GitHub anchor is anchor.
func hasHeading(t *testing.T, md, anchor string) bool {
	t.Helper()
	data, err := os.ReadFile(md)
	if err != nil {
		t.Fatal(err)
	}
	inFence := false
	for _, l := range strings.Split(string(data), "\n") {
		if strings.HasPrefix(strings.TrimSpace(l), "```") {
			inFence = !inFence
		}
		if inFence || !strings.HasPrefix(l, "#") {
			continue
		}
		h := strings.ToLower(strings.TrimSpace(strings.TrimLeft(l, "#")))
		var b strings.Builder
		for _, r := range h {
			switch {
			case r == ' ':
				b.WriteRune('-')
			case r == '-' || r == '_' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
				b.WriteRune(r)
			}
		}
		if b.String() == anchor {
			return true
		}
	}
	return false
}
