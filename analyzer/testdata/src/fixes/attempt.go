package fixes

import (
	"context"
	"time"
)

func attempt(ctx context.Context) error { return ctx.Err() }

// RetryAttempts gives each attempt a context of its own and cancels it
// by hand before backing off: the return the fix adds leaves no cancel
// uncalled, and the select waits on the caller's context.
func RetryAttempts(ctx context.Context) {
	for {
		actx, cancel := context.WithTimeout(ctx, time.Second)
		err := attempt(actx)
		cancel()
		if err == nil {
			return
		}
		time.Sleep(time.Second) // want `time.Sleep in RetryAttempts, which takes a context, ignores cancellation`
	}
}

// RetryShadowed names the attempt's context ctx too: at the sleep, ctx
// is the cancelled one, and waiting on it would end the retries at
// once. No fix.
func RetryShadowed(ctx context.Context) {
	for {
		ctx, cancel := context.WithTimeout(ctx, time.Second)
		err := attempt(ctx)
		cancel()
		if err == nil {
			return
		}
		time.Sleep(time.Second) // want `time.Sleep in RetryShadowed, which takes a context, ignores cancellation`
	}
}

// ProbeAttempts' only context is each attempt's own, cancelled before
// the sleep: it is done there, so no fix waits on it.
func ProbeAttempts() { // want ProbeAttempts:`blocks\(sleep: time.Sleep\)`
	for {
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		err := attempt(ctx)
		cancel()
		if err == nil {
			return
		}
		time.Sleep(time.Second) // want `time.Sleep in ProbeAttempts, where the context ctx is at hand, ignores cancellation`
	}
}

// RetryCancelledOnError cancels only on one branch: on the other the
// cancel is still to come, so a return at the sleep would skip it. No
// fix.
func RetryCancelledOnError(ctx context.Context) {
	for {
		actx, cancel := context.WithTimeout(ctx, time.Second)
		if err := attempt(actx); err != nil {
			cancel()
		}
		time.Sleep(time.Second) // want `time.Sleep in RetryCancelledOnError, which takes a context, ignores cancellation`
		cancel()
	}
}
