// Package witness holds the channel shapes whose other side can be
// shown to leave, each beside a clean twin whose other side cannot.
package witness

import (
	"context"
	"errors"
)

func compute() int    { return 1 }
func check(int) error { return nil }
func use(int)         {}
func serveA() error   { return nil }
func serveB() error   { return errors.New("b") }
func produce(out chan<- int) {
	out <- compute() // want `send on out blocks forever once Named takes the <-ctx.Done\(\) case \(abandoned.go:\d+\) and returns: give ch a buffer for every send, as in make\(chan int, 1\)`
}

// Result: the caller gives up on ctx, and the goroutine's send has
// nobody to receive it.
func Result(ctx context.Context) (int, error) {
	ch := make(chan int)
	go func() {
		ch <- compute() // want `send on ch blocks forever once Result takes the <-ctx.Done\(\) case \(abandoned.go:\d+\) and returns: give ch a buffer for every send, as in make\(chan int, 1\)`
	}()
	select {
	case v := <-ch:
		return v, nil
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}

// ResultBuffered: room for the one send.
func ResultBuffered(ctx context.Context) (int, error) {
	ch := make(chan int, 1)
	go func() {
		ch <- compute()
	}()
	select {
	case v := <-ch:
		return v, nil
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}

// ResultWaits always receives.
func ResultWaits() int {
	ch := make(chan int)
	go func() { ch <- compute() }()
	return <-ch
}

// ResultHonours: the goroutine gives up on ctx too.
func ResultHonours(ctx context.Context) (int, error) {
	ch := make(chan int)
	go func() {
		select {
		case ch <- compute():
		case <-ctx.Done():
		}
	}()
	select {
	case v := <-ch:
		return v, nil
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}

// Serve returns with the first server's error; the other's send is
// left waiting.
func Serve() error {
	aErr := make(chan error)
	bErr := make(chan error)
	go func() { aErr <- serveA() }() // want `send on aErr blocks forever once Serve takes the <-bErr case \(abandoned.go:\d+\) and returns`
	go func() { bErr <- serveB() }() // want `send on bErr blocks forever once Serve takes the <-aErr case \(abandoned.go:\d+\) and returns`
	select {
	case err := <-aErr:
		return err
	case err := <-bErr:
		return err
	}
}

// ServeBuffered: each server has room for its one error.
func ServeBuffered() error {
	aErr := make(chan error, 1)
	bErr := make(chan error, 1)
	go func() { aErr <- serveA() }()
	go func() { bErr <- serveB() }()
	select {
	case err := <-aErr:
		return err
	case err := <-bErr:
		return err
	}
}

// All returns on the first error while other checks still send.
func All(items []int) error {
	errs := make(chan error)
	for _, it := range items {
		go func() {
			errs <- check(it) // want `send on errs blocks forever once All returns \(abandoned.go:\d+\) before receiving from every sender: send in a select`
		}()
	}
	for range items {
		if err := <-errs; err != nil {
			return err
		}
	}
	return nil
}

// AllSized has room for every check.
func AllSized(items []int) error {
	errs := make(chan error, len(items))
	for _, it := range items {
		go func() { errs <- check(it) }()
	}
	for range items {
		if err := <-errs; err != nil {
			return err
		}
	}
	return nil
}

// AllDrained receives every value before it returns.
func AllDrained(items []int) error {
	errs := make(chan error)
	for _, it := range items {
		go func() { errs <- check(it) }()
	}
	var first error
	for range items {
		if err := <-errs; err != nil && first == nil {
			first = err
		}
	}
	return first
}

// Named hands the channel to a function of the package.
func Named(ctx context.Context) {
	ch := make(chan int)
	go produce(ch)
	select {
	case v := <-ch:
		use(v)
	case <-ctx.Done():
		return
	}
}

// Escapes returns the channel: who receives is not seen here.
func Escapes() <-chan int {
	ch := make(chan int)
	go func() { ch <- compute() }()
	return ch
}

// OneOfTwo: a send per path, into a buffer of one.
func OneOfTwo(ctx context.Context, fail bool) error {
	ch := make(chan error, 1)
	go func() {
		if fail {
			ch <- errors.New("failed")
			return
		}
		ch <- nil
	}()
	select {
	case err := <-ch:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Countdown returns once every worker has answered: the return is
// decided by a count, not by a value received.
func Countdown(n int) error {
	errs := make(chan error)
	for range n {
		go func() { errs <- check(0) }()
	}
	active := n
	var first error
	for {
		err := <-errs
		if err != nil && first == nil {
			first = err
		}
		active--
		if active == 0 {
			return first
		}
	}
}

// Forward sends at most once, guarded by a flag, into a buffer of
// one: how often a send in a loop runs is not known, and with a
// buffer that is no witness.
func Forward(ctx context.Context, reqs <-chan int) (int, error) {
	got := make(chan int, 1)
	go func() {
		sent := false
		for r := range reqs {
			if r > 0 && !sent {
				sent = true
				got <- r
			}
		}
	}()
	select {
	case v := <-got:
		return v, nil
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}

// Stabilize tries without waiting in its loop, then sends once: only
// the last send can wait, and the buffer has room for it.
func Stabilize(ctx context.Context, tries int) error {
	done := make(chan error, 10)
	go func() {
		var err error
		for range tries {
			err = check(0)
			select {
			case done <- err:
			default:
			}
		}
		done <- err
	}()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}

// StopTimeout starts its second waiter only after the first one is
// done: on the timeout's path one goroutine sends into a buffer of one.
func StopTimeout(ctx context.Context, wait func()) error {
	done := make(chan struct{}, 1)
	go func() {
		wait()
		done <- struct{}{}
	}()
	select {
	case <-done:
	case <-ctx.Done():
		return ctx.Err()
	}
	go func() {
		wait()
		done <- struct{}{}
	}()
	select {
	case <-done:
	case <-ctx.Done():
		return ctx.Err()
	}
	return nil
}

// Either: the goroutine sends one value, a result or an error; the
// owner that took one has all it will ever send.
func Either() (int, error) {
	vals := make(chan int)
	errs := make(chan error)
	go func() {
		v := compute()
		if err := check(v); err != nil {
			errs <- err
			return
		}
		vals <- v
	}()
	select {
	case v := <-vals:
		return v, nil
	case err := <-errs:
		return 0, err
	}
}

// EitherTwice: after its value the goroutine may send an error too,
// and the owner that took the value has left.
func EitherTwice() (int, error) {
	vals := make(chan int)
	errs := make(chan error)
	go func() {
		v := compute()
		vals <- v
		if err := check(v); err != nil {
			errs <- err // want `send on errs blocks forever once EitherTwice takes the <-vals case \(abandoned.go:\d+\) and returns`
		}
	}()
	select {
	case v := <-vals:
		return v, nil
	case err := <-errs:
		return 0, err
	}
}

// ResultClosed closes the channel on its way out, in a deferred
// function: a send after the caller gave up panics, it does not wait
// forever. No blocking finding.
func ResultClosed(ctx context.Context) (int, error) {
	ch := make(chan int)
	defer func() {
		close(ch)
	}()
	go func() {
		ch <- compute()
	}()
	select {
	case v := <-ch:
		return v, nil
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}
