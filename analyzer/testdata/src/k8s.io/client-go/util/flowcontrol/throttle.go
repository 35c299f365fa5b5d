// Package flowcontrol is a stub of k8s.io/client-go/util/flowcontrol for tests.
package flowcontrol

import "context"

// RateLimiter is a token-bucket rate limiter.
type RateLimiter interface {
	// TryAccept returns true if a token is taken immediately.
	TryAccept() bool
	// Accept returns once a token becomes available.
	Accept()
	// Stop stops the rate limiter.
	Stop()
	// QPS returns the QPS of this rate limiter.
	QPS() float32
	// Wait returns nil if a token is taken before the context is done.
	Wait(ctx context.Context) error
}

type tokenBucket struct{ qps float32 }

func (t *tokenBucket) TryAccept() bool                { return true }
func (t *tokenBucket) Accept()                        {}
func (t *tokenBucket) Stop()                          {}
func (t *tokenBucket) QPS() float32                   { return t.qps }
func (t *tokenBucket) Wait(ctx context.Context) error { return ctx.Err() }

// NewTokenBucketRateLimiter creates a rate limiter.
func NewTokenBucketRateLimiter(qps float32, burst int) RateLimiter {
	return &tokenBucket{qps: qps}
}
