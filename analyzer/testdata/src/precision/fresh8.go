package precision

import "time"

// A polling loop: its select has a default and waits for nothing; the
// loop blocks in the read it makes each time round anyway.
type pollListener struct {
	quit chan struct{}
}

func (l *pollListener) listen(read func() []byte) { // want listen:`blocks\(sleep: time.Sleep via \(\*pollListener\).onEvent\)`
	for {
		msg := read()
		select {
		case <-l.quit:
			return
		default:
			l.onEvent(msg)
		}
	}
}

func (l *pollListener) onEvent(b []byte) { time.Sleep(time.Second) } // want onEvent:`blocks\(sleep: time.Sleep\)`

// The event loop: it waits on its cases, and the sleep stalls the
// quit case.
type eventListener struct {
	quit   chan struct{}
	events chan []byte
}

func (l *eventListener) listen() { // want listen:`blocks\(sleep: time.Sleep via \(\*eventListener\).onEvent\)`
	for {
		select {
		case <-l.quit:
			return
		case msg := <-l.events:
			l.onEvent(msg)
		}
	}
}

func (l *eventListener) onEvent(b []byte) { time.Sleep(time.Second) } // want onEvent:`blocks\(sleep: time.Sleep\)` `time.Sleep in \(\*eventListener\).onEvent in a case of the event loop in \(\*eventListener\).listen stalls every other case`
