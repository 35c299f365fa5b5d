package p10ratelimit

import (
	"context"
	"net/http"
	"sync"
	"time"
)

// Throttle is a hand-rolled throttle that sleeps.
type Throttle struct {
	mu       sync.Mutex
	last     time.Time
	interval time.Duration
}

// Wait sleeps until the next slot. The lock is released first: the
// sleep is the problem, not the critical section.
func (t *Throttle) Wait() { // want Wait:`blocks\(sleep: time\.Sleep\)`
	t.mu.Lock()
	next := t.last.Add(t.interval)
	t.last = next
	t.mu.Unlock()
	time.Sleep(time.Until(next)) // want `time\.Sleep in \(\*Throttle\)\.Wait, reached from HTTP handler upload,? ignores cancellation: pass a context to \(\*Throttle\)\.Wait`
}

// WaitContext is the clean twin.
func (t *Throttle) WaitContext(ctx context.Context) error {
	t.mu.Lock()
	next := t.last.Add(t.interval)
	t.last = next
	t.mu.Unlock()
	timer := time.NewTimer(time.Until(next))
	defer timer.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-timer.C:
		return nil
	}
}

var uploads = &Throttle{interval: 100 * time.Millisecond}

func upload(w http.ResponseWriter, r *http.Request) {
	uploads.Wait()
	w.WriteHeader(http.StatusAccepted)
}

func uploadCtx(w http.ResponseWriter, r *http.Request) {
	if err := uploads.WaitContext(r.Context()); err != nil {
		http.Error(w, err.Error(), http.StatusServiceUnavailable)
		return
	}
	w.WriteHeader(http.StatusAccepted)
}
