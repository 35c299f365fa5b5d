package sleepsel

import (
	"context"
	"time"
)

type process struct{ exited chan error }

func (p *process) kill() {}

// waitProcess gives a killed process 15 seconds to exit once ctx has
// ended: its context is done in that case, so the bounded wait there
// is clean-up, not a wait that ignores cancellation.
func waitProcess(ctx context.Context, p *process) error {
	select {
	case err := <-p.exited:
		return err
	case <-ctx.Done():
		select {
		case <-time.After(15 * time.Second):
			p.kill()
		case <-p.exited:
		}
		return ctx.Err()
	}
}

// drainAfterErr pauses once ctx.Err() says the context has ended.
func drainAfterErr(ctx context.Context) error {
	if err := work(ctx); err != nil {
		if ctx.Err() != nil {
			time.Sleep(100 * time.Millisecond)
		}
		return err
	}
	return nil
}

// backoffOnAttemptTimeout backs off when the attempt's own context
// ends: the caller's ctx is still live, and the sleep ignores it.
func backoffOnAttemptTimeout(ctx context.Context) {
	actx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	select {
	case <-actx.Done():
		time.Sleep(time.Second) // want `time.Sleep in backoffOnAttemptTimeout, which takes a context, ignores cancellation`
	case <-quick():
	}
}

// tickAfterDone starts a ticker loop once ctx has ended: it never ends,
// which no ended context excuses.
func tickAfterDone(ctx context.Context) {
	<-ctx.Done()
	select {
	case <-ctx.Done():
		for range time.Tick(time.Second) { // want `range over time.Tick\(time.Second\) in tickAfterDone, which takes a context, ignores cancellation`
		}
	}
}

func work(ctx context.Context) error { return ctx.Err() }

func quick() <-chan struct{} { return nil }
