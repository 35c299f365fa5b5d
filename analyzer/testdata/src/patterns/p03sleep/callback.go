package p03sleep

import (
	"context"
	"time"
)

// Lease renews itself from timer callbacks.
type Lease struct {
	ttl     time.Duration
	renewed int
}

// Schedule polls with a sleep inside a time.AfterFunc callback: the
// callback cannot be stopped once it runs.
func (l *Lease) Schedule() *time.Timer {
	return time.AfterFunc(l.ttl/2, func() {
		for l.renewed < 3 {
			time.Sleep(l.ttl / 4) // want `time\.Sleep in the time\.AfterFunc callback set in \(\*Lease\)\.Schedule,? ignores cancellation`
			l.renewed++
		}
	})
}

// Settle pauses once in its callback, which nothing could stop: no
// finding, there is no cancellation to ignore.
func (l *Lease) Settle() *time.Timer {
	return time.AfterFunc(l.ttl/2, func() {
		time.Sleep(l.ttl / 4)
		l.renewed++
	})
}

// ScheduleCtx is the clean twin: the callback waits on a timer or ctx.
func (l *Lease) ScheduleCtx(ctx context.Context) *time.Timer {
	return time.AfterFunc(l.ttl/2, func() {
		t := time.NewTimer(l.ttl / 4)
		defer t.Stop()
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		l.renewed++
	})
}
