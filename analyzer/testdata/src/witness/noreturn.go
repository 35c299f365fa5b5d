package witness

import (
	"time"

	"go.uber.org/zap"
)

// detector's loop leaves on its ticker only after calling panicFunc,
// and every value the package gives panicFunc logs at the Panic level:
// the loop never leaves that way, so close's send always finds it.
type detector struct {
	done      chan struct{}
	panicFunc func(int)
}

func newDetector(logger *zap.Logger) *detector {
	panicFunc := func(n int) {
		logger.Info("no progress")
		logger.Panic("possible deadlock, exiting")
	}
	return &detector{done: make(chan struct{}), panicFunc: panicFunc}
}

func (d *detector) start(progress func() bool) {
	go func() {
		t := time.NewTicker(time.Second)
		defer t.Stop()
		for {
			select {
			case <-d.done:
				return
			case <-t.C:
				if !progress() {
					d.panicFunc(-1)
					return // for tests, whose panicFunc returns
				}
			}
		}
	}()
}

func (d *detector) close() {
	d.done <- struct{}{}
}

// warner is the same loop with a function that only warns: the loop
// can leave on its ticker, and close's send is stranded.
type warner struct {
	done     chan struct{}
	warnFunc func(int)
}

func newWarner(logger *zap.Logger) *warner {
	return &warner{done: make(chan struct{}), warnFunc: func(n int) { logger.Warn("no progress") }}
}

func (w *warner) start(progress func() bool) {
	go func() {
		t := time.NewTicker(time.Second)
		defer t.Stop()
		for {
			select {
			case <-w.done:
				return
			case <-t.C:
				if !progress() {
					w.warnFunc(-1)
					return
				}
			}
		}
	}()
}

func (w *warner) close() {
	w.done <- struct{}{} // want `send on w.done blocks forever once the loop in the func literal in \(\*warner\).start`
}

// halter's function is set by position in one literal and by a named
// function of the package in another: both panic, so the loop never
// leaves on its ticker.
type halter struct {
	done     chan struct{}
	haltFunc func(int)
}

func haltNow(n int) { panic("halt") }

func newHalter() *halter  { return &halter{make(chan struct{}), haltNow} }
func newHalter2() *halter { return &halter{done: make(chan struct{}), haltFunc: haltNow} }

func (h *halter) start(progress func() bool) {
	go func() {
		for {
			select {
			case <-h.done:
				return
			case <-time.After(time.Second):
				if !progress() {
					h.haltFunc(-1)
					return
				}
			}
		}
	}()
}

func (h *halter) close() {
	h.done <- struct{}{}
}

// mixed's function is set by position to one that returns: the loop
// can leave on its ticker.
type mixed struct {
	done     chan struct{}
	haltFunc func(int)
}

func newMixed() *mixed  { return &mixed{make(chan struct{}), func(int) {}} }
func newMixed2() *mixed { return &mixed{done: make(chan struct{}), haltFunc: haltNow} }

func (m *mixed) start(progress func() bool) {
	go func() {
		for {
			select {
			case <-m.done:
				return
			case <-time.After(time.Second):
				if !progress() {
					m.haltFunc(-1)
					return
				}
			}
		}
	}()
}

func (m *mixed) close() {
	m.done <- struct{}{} // want `send on m.done blocks forever once the loop in the func literal in \(\*mixed\).start`
}
