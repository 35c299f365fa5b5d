package p01abandoned

import (
	"context"
	"errors"
)

// Resolver resolves names with a helper goroutine written as a named
// closure or as a method.
type Resolver struct {
	table map[string]string
}

func (r *Resolver) resolve(name string) (string, error) {
	if v, ok := r.table[name]; ok {
		return v, nil
	}
	return "", errors.New("unknown")
}

// Resolve starts a closure held in a variable: the send is abandoned
// exactly as in Client.Get.
func (r *Resolver) Resolve(ctx context.Context, name string) (string, error) {
	ch := make(chan string)
	work := func() {
		v, _ := r.resolve(name)
		ch <- v // want `send on ch blocks forever once \(\*Resolver\)\.Resolve takes the`
	}
	go work()
	select {
	case v := <-ch:
		return v, nil
	case <-ctx.Done():
		return "", ctx.Err()
	}
}

// ResolveAsync starts a method that sends on the channel it is given.
func (r *Resolver) ResolveAsync(ctx context.Context, name string) (string, error) {
	ch := make(chan string)
	go r.resolveInto(name, ch)
	select {
	case v := <-ch:
		return v, nil
	case <-ctx.Done():
		return "", ctx.Err()
	}
}

func (r *Resolver) resolveInto(name string, out chan<- string) { // want resolveInto:`blocks\(chanaudit: send on out\)`
	v, _ := r.resolve(name)
	out <- v // want `send on out .*blocks forever|send on out in the goroutine started in \(\*Resolver\)\.ResolveAsync can block forever`
}

// ResolveAsyncBuffered is the clean twin of ResolveAsync.
func (r *Resolver) ResolveAsyncBuffered(ctx context.Context, name string) (string, error) {
	ch := make(chan string, 1)
	go r.resolveOnce(name, ch)
	select {
	case v := <-ch:
		return v, nil
	case <-ctx.Done():
		return "", ctx.Err()
	}
}

func (r *Resolver) resolveOnce(name string, out chan<- string) {
	v, _ := r.resolve(name)
	select {
	case out <- v:
	default:
	}
}
