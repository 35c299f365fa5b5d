// Package precision holds shapes from real code that must stay silent,
// each next to the nearest shape that must still be reported.
package precision

import (
	"crypto/tls"
	"sync"
	"time"
)

type S struct {
	mu     sync.Mutex
	closed bool
	done   chan struct{}
}

// The lock is dropped around the sleep inside the loop.
func (s *S) waitClosed() { // want waitClosed:"blocks"
	s.mu.Lock()
	for !s.closed {
		s.mu.Unlock()
		time.Sleep(25 * time.Millisecond)
		s.mu.Lock()
	}
	s.mu.Unlock()
}

// The lock is dropped around the receive in a nested block.
func (s *S) stop(wait bool) { // want stop:"blocks"
	s.mu.Lock()
	if wait {
		done := s.done
		s.mu.Unlock()
		<-done
		s.mu.Lock()
	}
	s.mu.Unlock()
}

// Still reported: the sleep runs with the lock held.
func (s *S) waitHeld() { // want waitHeld:"blocks"
	s.mu.Lock()
	for !s.closed {
		time.Sleep(25 * time.Millisecond) // want `time.Sleep while s.mu is held in \(\*S\).waitHeld`
	}
	s.mu.Unlock()
}

type C struct {
	mu sync.Mutex
	nc *tls.Conn
}

// handshake is called with c.mu held and drops it around the handshake.
func (c *C) handshake() error { // want handshake:"blocks"
	conn := c.nc
	c.mu.Unlock()
	err := conn.Handshake()
	c.mu.Lock()
	return err
}

func (c *C) start() { // want start:"blocks"
	c.mu.Lock()
	defer c.mu.Unlock()
	_ = c.handshake()
}
