// Package lib is upstream of robust/generics: its generic functions and
// methods export facts on their origin, which callers of every
// instantiation inherit.
package lib

import "time"

// Retry sleeps between attempts.
func Retry[T any](f func() (T, error)) T { // want Retry:`blocks\(sleep: time\.Sleep\)`
	for {
		if v, err := f(); err == nil {
			return v
		}
		time.Sleep(time.Millisecond)
	}
}

// Pool hands out values, waiting when it has none.
type Pool[T any] struct{ items []T }

// Get sleeps until an item is there.
func (p *Pool[T]) Get() T { // want Get:`blocks\(sleep: time\.Sleep\)`
	for len(p.items) == 0 {
		time.Sleep(time.Millisecond)
	}
	v := p.items[0]
	p.items = p.items[1:]
	return v
}

// Len blocks nothing.
func (p *Pool[T]) Len() int { return len(p.items) }
