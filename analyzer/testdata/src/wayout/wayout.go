// Package wayout: goroutines with no context, but with a quit channel
// they already select on; the fix makes their waits select on it too.
package wayout

import (
	"context"
	"time"
)

type poller struct {
	quit  chan struct{}
	ticks chan int
	out   chan int
}

func newPoller() *poller {
	p := &poller{quit: make(chan struct{}), ticks: make(chan int), out: make(chan int)}
	go p.loop()
	go p.retry()
	return p
}

// loop sleeps in a case of its event loop: the quit case waits.
func (p *poller) loop() { // want loop:`blocks\(sleep: time.Sleep\)`
	for {
		select {
		case <-p.quit:
			return
		case n := <-p.ticks:
			time.Sleep(time.Duration(n)) // want `time.Sleep in a case of the event loop in \(\*poller\).loop stalls every other case, the quit case included: wait on a time.Timer in a select with p.quit`
		}
	}
}

// retry backs off between attempts, and checks quit between them.
func (p *poller) retry() { // want retry:`blocks\(sleep: time.Sleep\)`
	for {
		select {
		case <-p.quit:
			return
		default:
		}
		time.Sleep(time.Second) // want `time.Sleep in the goroutine \(\*poller\).retry started in newPoller ignores cancellation`
	}
}

// Close stops the goroutines.
func (p *poller) Close() { close(p.quit) }

// tick polls on a ticker, and leaves only when quit is closed.
func (p *poller) tick(t *time.Ticker) { // want tick:`blocks\(sleep: range over t.C\)`
	select {
	case <-p.quit:
		return
	default:
	}
	for range t.C { // want `range over t.C in the goroutine \(\*poller\).tick started in \(\*poller\).start ignores cancellation`
		p.out <- 1
	}
}

func (p *poller) start(t *time.Ticker) { go p.tick(t) }

// watcher keeps the context it was made with: its lifetime.
type watcher struct {
	ctx    context.Context
	cancel context.CancelFunc
}

func newWatcher(parent context.Context) *watcher {
	ctx, cancel := context.WithCancel(parent)
	w := &watcher{ctx: ctx, cancel: cancel}
	go w.reconnect()
	return w
}

func (w *watcher) dial() error { return nil }

// reconnect retries with a pause: its way out is w.ctx.
func (w *watcher) reconnect() { // want reconnect:`blocks\(sleep: time.Sleep\)`
	for w.dial() != nil {
		time.Sleep(time.Second) // want `time.Sleep in the goroutine \(\*watcher\).reconnect started in newWatcher ignores cancellation: wait on a time.Timer in a select with w.ctx.Done\(\)`
	}
}

// idle keeps a context that never ends: no way out.
type idle struct {
	ctx context.Context
}

func newIdle() *idle {
	i := &idle{ctx: context.Background()}
	go i.retry()
	return i
}

func (i *idle) dial() error { return nil }

func (i *idle) retry() { // want retry:`blocks\(sleep: time.Sleep\)`
	for i.dial() != nil {
		time.Sleep(time.Second) // want `time.Sleep in the goroutine \(\*idle\).retry started in newIdle ignores cancellation: wait on a time.Timer in a select with a quit channel \(or a context's Done\) given to the goroutine`
	}
}
