// Package defaultoff holds channel operations that the chanaudit rules
// report only with -enable=chanaudit, beside a sleep reported always.
package defaultoff

import (
	"context"
	"sync"
	"time"
)

type server struct {
	mu     sync.Mutex
	events chan int
	out    chan int
	quit   chan struct{}
}

// Send: a channel send in a function that takes a context.
func (s *server) Send(ctx context.Context, v int) {
	s.out <- v
}

// Locked: a channel send while a lock is held.
func (s *server) Locked(v int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.out <- v
}

// Loop: a channel send in a case of an event loop.
func (s *server) Loop() {
	for {
		select {
		case v := <-s.events:
			s.out <- v
		case <-s.quit:
			return
		}
	}
}

// Pause is reported whatever the setting.
func (s *server) Pause(ctx context.Context) {
	time.Sleep(time.Second) // want `time.Sleep in \(\*server\).Pause`
}
