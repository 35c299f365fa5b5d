package p08cond

import (
	"context"
	"sync"
)

// Consumer drains a Queue in a goroutine.
type Consumer struct {
	q    *Queue
	seen int
}

// Start runs the consumer: it waits in Pop with no way to stop.
func (c *Consumer) Start() {
	go func() {
		for {
			c.seen += len(c.q.Pop())
		}
	}()
}

// gate waits for a flag through a Cond held in a local variable.
type gate struct {
	mu   sync.Mutex
	open bool
	c    sync.Cond
}

// Wait is reached from a context function.
func (g *gate) wait() { // want wait:`blocks\(sync: \(\*sync\.Cond\)\.Wait\)`
	g.mu.Lock()
	for !g.open {
		g.c.Wait() // want `\(\*sync\.Cond\)\.Wait .*a Cond cannot be cancelled`
	}
	g.mu.Unlock()
}

// Enter has a context and waits on the gate's Cond.
func Enter(ctx context.Context, g *gate) {
	g.wait()
}

// ChanQueue is the clean twin: a channel and a context.
type ChanQueue struct {
	items chan string
}

// Pop returns an item or the context's error.
func (q *ChanQueue) Pop(ctx context.Context) (string, error) {
	select {
	case s := <-q.items:
		return s, nil
	case <-ctx.Done():
		return "", ctx.Err()
	}
}
