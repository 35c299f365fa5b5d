// Package p02stopsignal: a stop signal sent on a channel instead of
// closing it.
package p02stopsignal

import (
	"sync"
	"time"
)

// Poller polls until told to stop.
type Poller struct {
	interval time.Duration
	stop     chan struct{}
	done     chan struct{}
	polls    int
}

// NewPoller makes a Poller; Start runs it.
func NewPoller(interval time.Duration) *Poller {
	return &Poller{interval: interval, stop: make(chan struct{}), done: make(chan struct{})}
}

// Start runs the poll loop in a goroutine.
func (p *Poller) Start() {
	go p.loop()
}

func (p *Poller) loop() {
	defer close(p.done)
	t := time.NewTicker(p.interval)
	defer t.Stop()
	for {
		select {
		case <-p.stop:
			return
		case <-t.C:
			p.polls++
		}
	}
}

// Stop blocks forever when the loop has already returned.
func (p *Poller) Stop() { // want Stop:`blocks\(chanaudit: send on p\.stop\)`
	p.stop <- struct{}{} // want `send on stop channel p\.stop blocks forever once the loop has exited: close the channel instead`
}

// StopOrDone is a clean twin: the send gives up once the loop is done.
func (p *Poller) StopOrDone() {
	select {
	case p.stop <- struct{}{}:
	case <-p.done:
	}
}

// Closer is the other clean twin: close the channel, once.
type Closer struct {
	once sync.Once
	quit chan struct{}
}

// Close tells every reader to stop, however many there are.
func (c *Closer) Close() {
	c.once.Do(func() { close(c.quit) })
}
