// Package p08cond: sync.Cond.Wait, which cannot be cancelled.
package p08cond

import (
	"context"
	"errors"
	"sync"
)

var errClosed = errors.New("queue closed")

// Queue is a blocking queue built on a condition variable.
type Queue struct {
	mu     sync.Mutex
	cond   *sync.Cond
	items  []string
	closed bool
}

// NewQueue makes a Queue.
func NewQueue() *Queue {
	q := &Queue{}
	q.cond = sync.NewCond(&q.mu)
	return q
}

// Push adds an item and wakes one waiter: a short critical section.
func (q *Queue) Push(s string) {
	q.mu.Lock()
	q.items = append(q.items, s)
	q.mu.Unlock()
	q.cond.Signal()
}

// Pop waits for an item: Close never broadcasts, so waiters sleep
// forever once the producer is gone.
func (q *Queue) Pop() string { // want Pop:`blocks\(sync: \(\*sync\.Cond\)\.Wait\)`
	q.mu.Lock()
	defer q.mu.Unlock()
	for len(q.items) == 0 {
		q.cond.Wait() // want `\(\*sync\.Cond\)\.Wait .*a Cond cannot be cancelled`
	}
	s := q.items[0]
	q.items = q.items[1:]
	return s
}

// PopContext takes a context and cannot honour it.
func (q *Queue) PopContext(ctx context.Context) (string, error) {
	q.mu.Lock()
	defer q.mu.Unlock()
	for len(q.items) == 0 && !q.closed {
		q.cond.Wait() // want `\(\*sync\.Cond\)\.Wait .*a Cond cannot be cancelled`
	}
	if q.closed {
		return "", errClosed
	}
	s := q.items[0]
	q.items = q.items[1:]
	return s, nil
}

// Close marks the queue closed and broadcasts: a short critical
// section.
func (q *Queue) Close() {
	q.mu.Lock()
	q.closed = true
	q.mu.Unlock()
	q.cond.Broadcast()
}
