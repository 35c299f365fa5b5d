package main

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/blockcheck/blockcheck/internal/driver"
)

// fakeClock advances by step on every reading.
func fakeClock(step time.Duration) func() time.Time {
	t := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	return func() time.Time {
		t = t.Add(step)
		return t
	}
}

// TestProgressTerminal: on a terminal, a run that lasts longer than
// the delay shows one status line, rewritten in place, and erases it
// at the end; a short run shows nothing.
func TestProgressTerminal(t *testing.T) {
	var w bytes.Buffer
	p := &progress{w: &w, tty: true, delay: 2 * time.Second, now: fakeClock(time.Second)}
	p.update(driver.Progress{Phase: driver.Loading})
	p.update(driver.Progress{Phase: driver.Loading}) // 1s: still quiet
	if w.Len() != 0 {
		t.Fatalf("output before the delay: %q", w.String())
	}
	p.update(driver.Progress{Phase: driver.Loading}) // 2s
	p.update(driver.Progress{Phase: driver.Analysing, Total: 5})
	p.update(driver.Progress{Phase: driver.Analysing, Done: 3, Total: 5, Cached: 1})
	p.update(driver.Progress{Phase: driver.Finished, Done: 5, Total: 5})
	got := w.String()
	for _, want := range []string{
		"\r\x1b[Kblockcheck: loading packages with the go command...",
		"\r\x1b[Kblockcheck: analysing 5 packages",
		"\r\x1b[Kblockcheck: analysing 3 of 5 packages (1 from the cache)",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("output lacks %q: %q", want, got)
		}
	}
	if !strings.HasSuffix(got, "\r\x1b[K") || strings.Contains(got, "\n") {
		t.Errorf("the status line is not erased in place at the end: %q", got)
	}

	w.Reset()
	quick := &progress{w: &w, tty: true, delay: 2 * time.Second, now: fakeClock(time.Millisecond)}
	quick.update(driver.Progress{Phase: driver.Loading})
	quick.update(driver.Progress{Phase: driver.Analysing, Total: 5})
	quick.update(driver.Progress{Phase: driver.Finished, Done: 5, Total: 5})
	if w.Len() != 0 {
		t.Errorf("a quick run printed %q", w.String())
	}
}

// TestProgressNotTerminal: without a terminal and without -v, nothing;
// with -v, one line per phase and no control characters.
func TestProgressNotTerminal(t *testing.T) {
	var w bytes.Buffer
	p := &progress{w: &w, delay: 0, now: fakeClock(time.Second)}
	p.update(driver.Progress{Phase: driver.Loading})
	p.update(driver.Progress{Phase: driver.Analysing, Done: 1, Total: 5})
	p.update(driver.Progress{Phase: driver.Finished, Done: 5, Total: 5})
	if w.Len() != 0 {
		t.Errorf("printed %q", w.String())
	}
	v := &progress{w: &w, verbose: true, now: fakeClock(time.Second)}
	v.update(driver.Progress{Phase: driver.Loading})
	v.update(driver.Progress{Phase: driver.Analysing, Total: 5})
	v.update(driver.Progress{Phase: driver.Analysing, Done: 1, Total: 5})
	v.update(driver.Progress{Phase: driver.Finished, Done: 5, Total: 5, Cached: 2})
	want := "blockcheck: loading packages with the go command (it compiles export data: the first run on a module can take minutes)\n" +
		"blockcheck: loaded in 1s; analysing 5 packages\n" +
		"blockcheck: analysed 5 packages (2 read from the cache) in 2s\n"
	if w.String() != want {
		t.Errorf("got\n%s\nwant\n%s", w.String(), want)
	}
}
