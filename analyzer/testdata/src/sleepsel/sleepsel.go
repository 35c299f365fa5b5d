// Package sleepsel holds selects and loops whose only way out is a
// timer, beside twins that also wait for a context or a done channel.
package sleepsel

import (
	"context"
	"errors"
	"time"
)

type pool struct {
	open chan struct{}
	res  chan int
	quit chan struct{}
}

func (p *pool) closeIdle() {}

// acquire waits for a slot until the timer fires, whatever ctx says.
func (p *pool) acquire(ctx context.Context) error {
	t := time.NewTimer(time.Second)
	defer t.Stop()
	select { // want `select bounded only by t.C in \(\*pool\).acquire, which takes a context, ignores cancellation: add a case on ctx.Done\(\) that returns`
	case <-t.C:
		return errors.New("timeout")
	case p.open <- struct{}{}:
		return nil
	}
}

// acquireCtx also returns when ctx is done.
func (p *pool) acquireCtx(ctx context.Context) error {
	t := time.NewTimer(time.Second)
	defer t.Stop()
	select {
	case <-t.C:
		return errors.New("timeout")
	case <-ctx.Done():
		return ctx.Err()
	case p.open <- struct{}{}:
		return nil
	}
}

// wait has no context at hand: the timer is its only bound, and that
// is no finding.
func (p *pool) wait() int {
	select {
	case v := <-p.res:
		return v
	case <-time.After(time.Second):
		return 0
	}
}

// start runs the idle loop in a goroutine that never ends.
func (p *pool) start() {
	go p.idleLoop()
	go p.idleLoopQuit()
}

func (p *pool) idleLoop() { // want idleLoop:"blocks\\(sleep: for-select over only ticker.C\\)"
	ticker := time.NewTicker(time.Minute)
	defer ticker.Stop()
	for { // want `for-select over only ticker.C in the goroutine \(\*pool\).idleLoop started in \(\*pool\).start ignores cancellation`
		select {
		case <-ticker.C:
			p.closeIdle()
		}
	}
}

// idleLoopQuit also waits for the quit channel.
func (p *pool) idleLoopQuit() {
	ticker := time.NewTicker(time.Minute)
	defer ticker.Stop()
	for {
		select {
		case <-ticker.C:
			p.closeIdle()
		case <-p.quit:
			return
		}
	}
}

// request waits with a timeout of its own; its caller has the context.
func (p *pool) request() int {
	t := time.NewTimer(time.Second)
	defer t.Stop()
	select {
	case v := <-p.res:
		return v
	case <-t.C:
		return 0
	}
}

// Call has a context, but the timer-bounded select is request's: that
// is no finding here (request takes no context).
func (p *pool) Call(ctx context.Context) int {
	return p.request()
}

// gather waits for its own workers, which use ctx, with a ticker for
// progress: cancellation reaches it through their results.
func gather(ctx context.Context, n int, work func(context.Context) error) {
	errs := make(chan error, n)
	for range n {
		go func() { errs <- work(ctx) }()
	}
	tick := time.NewTicker(time.Second)
	defer tick.Stop()
	for done := 0; done < n; {
		select {
		case <-errs:
			done++
		case <-tick.C:
		}
	}
}

// watch makes its own context, which only it cancels: a timer-bounded
// select there ignores nobody's cancellation.
func (p *pool) watch() int {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	_ = ctx
	select {
	case v := <-p.res:
		return v
	case <-time.After(time.Second):
		return 0
	}
}

// fetch waits for a result its own goroutine sends, and that goroutine
// is handed no context: only the timer ends the wait on cancellation.
func fetch(ctx context.Context, get func() int) int {
	res := make(chan int, 1)
	go func() { res <- get() }()
	select { // want `select bounded only by time.After\(time.Second\) in fetch, which takes a context, ignores cancellation`
	case v := <-res:
		return v
	case <-time.After(time.Second):
		return 0
	}
}

// fetchCtx's goroutine is handed the context: when it ends, the
// goroutine can end too, and so the wait.
func fetchCtx(ctx context.Context, get func(context.Context) int) int {
	res := make(chan int, 1)
	go func() { res <- get(ctx) }()
	select {
	case v := <-res:
		return v
	case <-time.After(time.Second):
		return 0
	}
}

// result waits on a channel fed by code not seen here, which may well
// answer when ctx ends: no proof, no finding.
func (p *pool) result(ctx context.Context) int {
	select {
	case v := <-p.res:
		return v
	case <-time.After(time.Second):
		return 0
	}
}

// offer's only context is context.TODO(), which nothing cancels: no
// context is at hand, and the timer-bounded select is no finding.
func (p *pool) offer() {
	ctx := context.TODO()
	go func() {
		select {
		case p.open <- struct{}{}:
		case <-time.After(time.Second):
		}
		_ = ctx
	}()
}
