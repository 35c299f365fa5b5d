package p12lock

import (
	"context"
	"sync"
)

// Item is batched.
type Item struct{ ID int }

// Batcher embeds its mutex, as many types do.
type Batcher struct {
	sync.Mutex
	buf []Item
	max int
	out chan []Item
}

// Add flushes a full batch with the embedded lock held.
func (b *Batcher) Add(ctx context.Context, it Item) {
	b.Lock()
	defer b.Unlock()
	b.buf = append(b.buf, it)
	if len(b.buf) >= b.max {
		b.out <- b.buf // want `send on b\.out while b is held in \(\*Batcher\)\.Add makes every goroutine that needs the lock wait too`
		b.buf = nil
	}
}

// AddReleasing drops the lock around the send and takes it back for
// the deferred unlock: the send runs with no lock held.
func (b *Batcher) AddReleasing(it Item) { // want AddReleasing:`blocks\(chanaudit: send on b\.out\)`
	b.Lock()
	defer b.Unlock()
	b.buf = append(b.buf, it)
	if len(b.buf) < b.max {
		return
	}
	batch := b.buf
	b.buf = nil
	b.Unlock()
	b.out <- batch
	b.Lock()
}

// AddEarlyUnlock unlocks on both paths before the send.
func (b *Batcher) AddEarlyUnlock(it Item) { // want AddEarlyUnlock:`blocks\(chanaudit: send on b\.out\)`
	b.Lock()
	b.buf = append(b.buf, it)
	if len(b.buf) < b.max {
		b.Unlock()
		return
	}
	batch := b.buf
	b.buf = nil
	b.Unlock()
	b.out <- batch
}
