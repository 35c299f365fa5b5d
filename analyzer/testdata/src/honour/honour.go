// Package honour: a sleep or timer wait in a goroutine is a finding
// when the goroutine has something to honour (a context, a stop
// channel, a quit case, a signal field its package closes) or when the
// wait sits in an open loop (a retry or poll loop, a ticker's range).
// A single pause, or a loop counted up to a constant, in a goroutine
// that nothing could stop ignores no cancellation: no finding.
package honour

import (
	"context"
	"errors"
	"time"

	"honour/helper"
)

type client struct {
	limit bool
	done  chan struct{}
	tries int
}

func (c *client) closeConnection() {}
func (c *client) ping() error      { return errors.New("down") }

// Close closes done: the way out of c's goroutines.
func (c *client) Close() { close(c.done) }

// applyLimits pauses once before it closes the connection: clean.
func applyLimits(c *client) {
	if c.limit {
		go func() {
			time.Sleep(20 * time.Millisecond)
			c.closeConnection()
		}()
	}
}

// probe pings ten times with a pause between: a loop counted up to a
// constant, clean.
func probe(c *client) {
	go func() {
		for i := 0; i < 10; i++ {
			time.Sleep(10 * time.Millisecond)
			_ = c.ping()
		}
	}()
}

// probeRange: a range over a constant, clean too.
func probeRange(c *client) {
	go func() {
		for range 3 {
			time.Sleep(10 * time.Millisecond)
			_ = c.ping()
		}
	}()
}

// probeMoved: a counted loop whose counter the body moves back is an
// open loop.
func probeMoved(c *client) {
	go func() {
		for i := 0; i < 3; i++ {
			time.Sleep(10 * time.Millisecond) // want `^time\.Sleep in the goroutine started in probeMoved ignores cancellation`
			if c.ping() != nil {
				i--
			}
		}
	}()
}

// afterPause: a callback that pauses once, clean.
func afterPause(c *client) {
	time.AfterFunc(time.Second, func() {
		time.Sleep(time.Millisecond)
		c.closeConnection()
	})
}

// viaOtherPackage pauses once through another package's helper: clean.
func viaOtherPackage() {
	go helper.Settle()
}

// retry retries until the ping succeeds, sleeping between tries: an
// open loop, reported.
func retry(c *client) {
	go func() {
		for c.ping() != nil {
			time.Sleep(time.Second) // want `^time\.Sleep in the goroutine started in retry ignores cancellation`
		}
	}()
}

// retryVia: the open loop is in the goroutine, the sleep in a helper.
func retryVia(c *client) {
	go func() {
		for {
			if c.ping() == nil {
				return
			}
			backoff()
		}
	}()
}

func backoff() { // want backoff:`blocks\(sleep: time\.Sleep\)`
	time.Sleep(time.Second) // want `^time\.Sleep in backoff, reached from the goroutine started in retryVia, ignores cancellation`
}

// retryOther: the open loop calls another package's helper that pauses.
func retryOther(c *client) {
	go func() {
		for c.ping() != nil {
			helper.Settle() // want `^call to helper\.Settle in the goroutine started in retryOther blocks in time\.Sleep, which ignores cancellation`
		}
	}()
}

// pauseWithCtx pauses once while its context is at hand: reported.
func pauseWithCtx(ctx context.Context, c *client) {
	go func() {
		time.Sleep(time.Second) // want `^time\.Sleep in the goroutine started in pauseWithCtx ignores cancellation`
		c.closeConnection()
	}()
}

// pauseBeforeStop pauses once, but Close closes c.done: the goroutine
// has a way out it ignores, reported.
func (c *client) pauseBeforeStop() {
	go func() {
		time.Sleep(time.Second) // want `^time\.Sleep in the goroutine started in \(\*client\)\.pauseBeforeStop ignores cancellation: wait on a time\.Timer in a select with c\.done`
		c.closeConnection()
	}()
}

// waitAfter waits once on time.After: clean, like a sleep.
func waitAfter(c *client) {
	go func() {
		<-time.After(time.Second)
		c.closeConnection()
	}()
}
