// Package wayout: goroutines with no context, but with a quit channel
// they already select on; the fix makes their waits select on it too.
package wayout

import "time"

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
