package main

import (
	"fmt"
	"io"
	"os"
	"sync"
	"time"

	"github.com/blockcheck/blockcheck/internal/driver"
)

// progress tells the user what a run is doing, on standard error:
// with -v a line per phase, always; on a terminal, after a quiet
// start of delay, one status line rewritten in place and erased at
// the end. Anywhere else it says nothing, so that logs stay clean.
type progress struct {
	w       io.Writer
	verbose bool
	tty     bool
	delay   time.Duration
	now     func() time.Time

	mu     sync.Mutex
	begun  bool
	start  time.Time
	phase  driver.Phase
	shown  bool // the status line is on the screen
	last   time.Time
	loaded time.Time
}

func newProgress(w io.Writer, verbose bool) *progress {
	return &progress{w: w, verbose: verbose, tty: isTerminal(w), delay: 2 * time.Second, now: time.Now}
}

// isTerminal reports whether w is a character device, as a terminal
// is.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}

// update is the driver's Progress callback.
func (p *progress) update(e driver.Progress) {
	p.mu.Lock()
	defer p.mu.Unlock()
	now := p.now()
	phaseChanged := !p.begun || e.Phase != p.phase
	if !p.begun {
		p.begun, p.start = true, now
	}
	p.phase = e.Phase
	if p.verbose && phaseChanged {
		p.clear()
		switch e.Phase {
		case driver.Loading:
			fmt.Fprintln(p.w, "blockcheck: loading packages with the go command (it compiles export data: the first run on a module can take minutes)")
		case driver.Analysing:
			p.loaded = now
			fmt.Fprintf(p.w, "blockcheck: loaded in %s; analysing %d packages\n", round(now.Sub(p.start)), e.Total)
		case driver.Finished:
			fmt.Fprintf(p.w, "blockcheck: analysed %d packages (%d read from the cache) in %s\n", e.Done, e.Cached, round(now.Sub(p.loaded)))
		}
	}
	if !p.tty {
		return
	}
	if e.Phase == driver.Finished {
		p.clear()
		return
	}
	// Rewrite the status line at most ten times a second, once the
	// run has lasted delay.
	if now.Sub(p.start) < p.delay || (p.shown && now.Sub(p.last) < 100*time.Millisecond && !phaseChanged) {
		return
	}
	p.last = now
	var line string
	switch e.Phase {
	case driver.Loading:
		line = "blockcheck: loading packages with the go command..."
	case driver.Analysing:
		line = fmt.Sprintf("blockcheck: analysing %d of %d packages (%d from the cache)", e.Done, e.Total, e.Cached)
		if e.Done == 0 {
			line = fmt.Sprintf("blockcheck: analysing %d packages", e.Total)
		}
	}
	fmt.Fprintf(p.w, "\r\x1b[K%s", line)
	p.shown = true
}

// tick redraws the status line while the go command loads packages,
// which reports nothing of its own: without it a cold build cache
// would leave the terminal silent for minutes.
func (p *progress) tick(stop <-chan struct{}) {
	if !p.tty {
		return
	}
	t := time.NewTicker(p.delay)
	defer t.Stop()
	for {
		select {
		case <-stop:
			return
		case <-t.C:
			p.mu.Lock()
			phase := p.phase
			p.mu.Unlock()
			if phase == driver.Loading {
				p.update(driver.Progress{Phase: driver.Loading})
			}
		}
	}
}

// clear erases the status line, if shown. The caller holds p.mu.
func (p *progress) clear() {
	if p.shown {
		fmt.Fprint(p.w, "\r\x1b[K")
		p.shown = false
	}
}

// done erases the status line before the findings are printed.
func (p *progress) done() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.clear()
}

func round(d time.Duration) time.Duration {
	if d > time.Second {
		return d.Round(100 * time.Millisecond)
	}
	return d.Round(time.Millisecond)
}
