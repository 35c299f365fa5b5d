package precision

import (
	"context"
	"sync/atomic"
	"time"
)

// A channel the function makes and stores in a field is its own.
type consumer struct {
	inch   chan bool
	active bool
}

func register(ch chan<- bool) {
	select {
	case ch <- true:
	default:
	}
}

func (o *consumer) setLeader(ctx context.Context) {
	o.inch = make(chan bool, 8)
	register(o.inch)
	o.active = <-o.inch
}

// A stop channel with room for the one send each started loop takes.
var (
	refs atomic.Int64
	done = make(chan struct{}, 1)
)

func Register() {
	if refs.Add(1) == 1 {
		go func() {
			t := time.NewTicker(100 * time.Millisecond)
			defer t.Stop()
			for {
				select {
				case <-t.C:
				case <-done:
					return
				}
			}
		}()
	}
}

func Unregister() {
	if refs.Add(-1) == 0 {
		done <- struct{}{}
	}
}

// Still reported: an unbuffered stop channel.
var quit = make(chan struct{})

func Stop() { // want Stop:"blocks"
	quit <- struct{}{} // want `send on stop channel quit blocks forever`
}

// Waiting for an AfterFunc callback that has already started.
type Watcher struct {
	stop func() bool
	done chan struct{}
}

func (w *Watcher) Watch(ctx context.Context) {
	w.done = make(chan struct{})
	w.stop = context.AfterFunc(ctx, func() { close(w.done) })
}

func (w *Watcher) Unwatch() {
	if !w.stop() {
		<-w.done
	}
}

func Query(ctx context.Context, w *Watcher) error {
	w.Watch(ctx)
	defer w.Unwatch()
	return nil
}

// The timer drain idiom.
func Wait(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		if !t.Stop() {
			<-t.C
		}
		return false
	}
}

// Still reported: a timer receive outside a select.
func WaitPlain(ctx context.Context, t *time.Timer) {
	<-t.C // want `receive from timer channel t.C in WaitPlain`
}

// Semaphore release in a deferred function.
type Pool struct{ sem chan struct{} }

func NewPool(n int) *Pool { return &Pool{sem: make(chan struct{}, n)} }

func (p *Pool) Do(ctx context.Context, f func()) error {
	select {
	case p.sem <- struct{}{}:
	case <-ctx.Done():
		return ctx.Err()
	}
	go func() {
		defer func() { <-p.sem }()
		f()
	}()
	return nil
}

// A wait loop whose every case leaves the loop is no event loop.
type req struct{ done chan error }

func Fetch(ctx context.Context, r *req, claimed func() bool) error {
	abandon := func() error {
		if claimed() {
			<-r.done // want `receive from r.done in the func literal in Fetch, reached from Fetch, which takes a context, can block forever`
		}
		return ctx.Err()
	}
	for {
		select {
		case err := <-r.done:
			return err
		case <-ctx.Done():
			return abandon()
		}
	}
}
