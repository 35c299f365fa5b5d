// Package rate is a stub of golang.org/x/time/rate for tests.
package rate

import "context"

// Limit is the maximum frequency of events, in events per second.
type Limit float64

// A Limiter controls how frequently events are allowed to happen.
type Limiter struct {
	limit Limit
	burst int
}

// NewLimiter returns a new Limiter.
func NewLimiter(r Limit, b int) *Limiter { return &Limiter{limit: r, burst: b} }

// Wait blocks until the limiter permits an event or ctx is done.
func (l *Limiter) Wait(ctx context.Context) error { return ctx.Err() }

// Allow reports whether an event may happen now.
func (l *Limiter) Allow() bool { return true }
