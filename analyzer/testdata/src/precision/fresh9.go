package precision

import (
	"context"
	"sync"
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
