package main

import (
	"bytes"
	"fmt"
	"strings"
)

// unifiedDiff returns the unified diff, with three lines of context,
// that turns before into after, under the names a/path and b/path as
// git writes them, so that `git apply` (or patch -p1) takes it. It is
// "" when they are equal.
func unifiedDiff(path string, before, after []byte) string {
	a, b := splitLines(before), splitLines(after)
	ops := diffLines(a, b)
	if len(ops) == 0 {
		return ""
	}
	var out strings.Builder
	fmt.Fprintf(&out, "diff --git a/%s b/%s\n--- a/%s\n+++ b/%s\n", path, path, path, path)
	const context = 3
	// Group the changes into hunks: changes closer than twice the
	// context share one.
	for i := 0; i < len(ops); {
		j := i
		for j+1 < len(ops) && ops[j+1].a0-ops[j].a1 <= 2*context {
			j++
		}
		a0 := max(ops[i].a0-context, 0)
		a1 := min(ops[j].a1+context, len(a))
		b0 := ops[i].b0 - (ops[i].a0 - a0)
		b1 := ops[j].b1 + (a1 - ops[j].a1)
		fmt.Fprintf(&out, "@@ -%s +%s @@\n", hunkRange(a0, a1), hunkRange(b0, b1))
		line := func(prefix byte, s string) {
			out.WriteByte(prefix)
			out.WriteString(s)
			if !strings.HasSuffix(s, "\n") {
				out.WriteString("\n\\ No newline at end of file\n")
			}
		}
		at := a0
		for _, op := range ops[i : j+1] {
			for ; at < op.a0; at++ {
				line(' ', a[at])
			}
			for k := op.a0; k < op.a1; k++ {
				line('-', a[k])
			}
			for k := op.b0; k < op.b1; k++ {
				line('+', b[k])
			}
			at = op.a1
		}
		for ; at < a1; at++ {
			line(' ', a[at])
		}
		i = j + 1
	}
	return out.String()
}

// hunkRange formats lines [start, end) as a unified diff's hunk header
// does: 1-based, with the count left out when it is one, and the line
// before when the range is empty.
func hunkRange(start, end int) string {
	switch n := end - start; n {
	case 0:
		return fmt.Sprintf("%d,0", start)
	case 1:
		return fmt.Sprintf("%d", start+1)
	default:
		return fmt.Sprintf("%d,%d", start+1, n)
	}
}

// splitLines splits text after each newline; the last line may have
// none.
func splitLines(text []byte) []string {
	var lines []string
	for len(text) > 0 {
		i := bytes.IndexByte(text, '\n')
		if i < 0 {
			lines = append(lines, string(text))
			break
		}
		lines = append(lines, string(text[:i+1]))
		text = text[i+1:]
	}
	return lines
}

// A change replaces lines [a0, a1) of the old text by lines [b0, b1)
// of the new.
type change struct{ a0, a1, b0, b1 int }

// diffLines returns the changes that turn a into b, in order: the
// common prefix and suffix are set aside, and Myers' algorithm finds a
// shortest edit script for the rest. Fixes change a few lines, so D,
// the number of lines changed, is small and the cost O((N+M)·D).
func diffLines(a, b []string) []change {
	pre := 0
	for pre < len(a) && pre < len(b) && a[pre] == b[pre] {
		pre++
	}
	suf := 0
	for suf < len(a)-pre && suf < len(b)-pre && a[len(a)-1-suf] == b[len(b)-1-suf] {
		suf++
	}
	am, bm := a[pre:len(a)-suf], b[pre:len(b)-suf]
	var changes []change
	for _, c := range myers(am, bm) {
		changes = append(changes, change{c.a0 + pre, c.a1 + pre, c.b0 + pre, c.b1 + pre})
	}
	return changes
}

// myers returns the changes of a shortest edit script from a to b.
func myers(a, b []string) []change {
	n, m := len(a), len(b)
	if n == 0 && m == 0 {
		return nil
	}
	if n == 0 || m == 0 {
		return []change{{0, n, 0, m}}
	}
	most := n + m
	off := most
	v := make([]int, 2*most+2)
	var trace [][]int
	for d := 0; d <= most; d++ {
		trace = append(trace, append([]int(nil), v...))
		for k := -d; k <= d; k += 2 {
			var x int
			if k == -d || (k != d && v[off+k-1] < v[off+k+1]) {
				x = v[off+k+1] // down: an insertion
			} else {
				x = v[off+k-1] + 1 // right: a deletion
			}
			y := x - k
			for x < n && y < m && a[x] == b[y] {
				x++
				y++
			}
			v[off+k] = x
			if x >= n && y >= m {
				return backtrack(trace, off, n, m, d)
			}
		}
	}
	return nil // not reached
}

// backtrack walks the trace of myers back from (n, m), d moves away
// from (0, 0), and returns the changes: runs of deleted and inserted
// lines between equal ones.
func backtrack(trace [][]int, off, n, m, d int) []change {
	dels, ins := make([]bool, n), make([]bool, m)
	x, y := n, m
	for ; d > 0; d-- {
		v := trace[d] // as it was before move d
		k := x - y
		pk := k - 1
		if k == -d || (k != d && v[off+k-1] < v[off+k+1]) {
			pk = k + 1
		}
		px := v[off+pk]
		py := px - pk
		for x > px && y > py { // the diagonal after the move
			x--
			y--
		}
		if x == px {
			ins[py] = true
		} else {
			dels[px] = true
		}
		x, y = px, py
	}
	var out []change
	i, j := 0, 0
	for i < n || j < m {
		if (i < n && dels[i]) || (j < m && ins[j]) {
			c := change{a0: i, b0: j}
			for i < n && dels[i] {
				i++
			}
			for j < m && ins[j] {
				j++
			}
			c.a1, c.b1 = i, j
			out = append(out, c)
			continue
		}
		i++
		j++
	}
	return out
}
