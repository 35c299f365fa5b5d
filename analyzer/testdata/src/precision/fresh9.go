package precision

import (
	"context"
	"sync"
	"time"
)

// A pool whose close cancels the background context and broadcasts:
// a waiter that checks the context's Err is woken by it.
type connPool struct {
	cond             *sync.Cond
	pending          int
	cancelBackground context.CancelFunc
}

func (p *connPool) createConnections(ctx context.Context) {
	p.cond.L.Lock()
	defer p.cond.L.Unlock()
	for p.pending == 0 && ctx.Err() == nil {
		p.cond.Wait()
	}
}

func (p *connPool) close() {
	p.cond.L.Lock()
	p.cancelBackground()
	p.cond.Broadcast()
	p.cond.L.Unlock()
}

// The same wait in a pool whose close only broadcasts: the caller's
// context is never what wakes it.
type plainPool struct {
	cond    *sync.Cond
	pending int
}

func (p *plainPool) createConnections(ctx context.Context) {
	p.cond.L.Lock()
	defer p.cond.L.Unlock()
	for p.pending == 0 && ctx.Err() == nil {
		p.cond.Wait() // want `\(\*sync.Cond\).Wait in \(\*plainPool\).createConnections`
	}
}

func (p *plainPool) close() {
	p.cond.L.Lock()
	p.cond.Broadcast()
	p.cond.L.Unlock()
}

// Where the context is nil there is nothing to honour: the branch
// waits as it must.
func acquirePermit(ctx context.Context, d time.Duration) {
	if ctx != nil {
		t := time.NewTimer(d)
		defer t.Stop()
		select {
		case <-ctx.Done():
		case <-t.C:
		}
	} else {
		time.Sleep(d)
	}
	if ctx == nil {
		pause(d)
	}
}

func pause(d time.Duration) { time.Sleep(d) } // want pause:`blocks\(sleep: time.Sleep\)`

// A context replaced when nil is at hand afterwards.
func acquireDefault(ctx context.Context, d time.Duration) {
	if ctx == nil {
		ctx = context.Background()
	}
	time.Sleep(d) // want `time.Sleep in acquireDefault`
}
