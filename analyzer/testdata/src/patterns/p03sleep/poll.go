package p03sleep

import (
	"sync/atomic"
	"time"
)

// Watcher polls a source in the background.
type Watcher struct {
	interval time.Duration
	quit     chan struct{}
	version  atomic.Int64
}

func (w *Watcher) refresh() { w.version.Add(1) }

// Start polls forever: shutdown cannot stop the goroutine, and waits
// out the sleep.
func (w *Watcher) Start() {
	go func() {
		for {
			w.refresh()
			time.Sleep(w.interval) // want `time\.Sleep in the goroutine started in \(\*Watcher\)\.Start,? ignores cancellation`
		}
	}()
}

// StartTimer waits for its timer outside a select.
func (w *Watcher) StartTimer() {
	go w.pollTimer()
}

func (w *Watcher) pollTimer() { // want pollTimer:`blocks\(sleep: receive from timer channel t\.C\)`
	t := time.NewTimer(w.interval)
	for {
		<-t.C // want `receive from timer channel t\.C in the goroutine .*started in \(\*Watcher\)\.StartTimer,? ignores cancellation`
		w.refresh()
		t.Reset(w.interval)
	}
}

// StartQuit is the clean twin: the wait ends on the quit channel.
func (w *Watcher) StartQuit() {
	go func() {
		for {
			w.refresh()
			select {
			case <-w.quit:
				return
			case <-time.After(w.interval):
			}
		}
	}()
}

// Settle sleeps, but nothing latency-sensitive calls it: no entry
// point reaches it, so it is not reported (its callers in other
// packages inherit it through a fact).
func Settle() { // want Settle:`blocks\(sleep: time\.Sleep\)`
	time.Sleep(10 * time.Millisecond)
}
