// Package generics: generic functions and methods as entry points and
// as helpers. An instantiated callee maps to its generic origin.
package generics

import (
	"context"
	"net/http"
	"sync"
	"time"

	"robust/generics/lib"
)

// wait is a generic helper that sleeps.
func wait[T any](v T) T { // want wait:`blocks\(sleep: time\.Sleep\)`
	time.Sleep(time.Millisecond) // want `^time\.Sleep in wait, reached from HTTP handler handle, ignores cancellation: pass a context to wait and wait on a time\.Timer`
	return v
}

// pair has two type parameters and reaches wait through an
// instantiation of its own.
func pair[K comparable, V any](k K, v V) map[K]V { // want pair:`blocks\(sleep: time\.Sleep via wait\)`
	return map[K]V{k: wait(v)}
}

// handle calls the generic helpers with explicit and inferred
// instantiations: the sleep in wait is found once.
func handle(w http.ResponseWriter, r *http.Request) {
	_ = wait[int](1)
	_ = wait("x")
	_ = pair("k", 2.5)
}

// Queue is a generic type.
type Queue[T any] struct {
	items []T
	ready chan T
}

// Drain takes a context: it is an entry point of its own.
func (q *Queue[T]) Drain(ctx context.Context) {
	time.Sleep(time.Second) // want `^time\.Sleep in \(\*Queue\)\.Drain, which takes a context, ignores cancellation`
}

// pause is a method of a generic type reached through an instantiated
// receiver.
func (q *Queue[T]) pause() { // want pause:`blocks\(sleep: time\.Sleep\)`
	time.Sleep(time.Millisecond) // want `^time\.Sleep in \(\*Queue\)\.pause, reached from HTTP handler serveQueue,`
}

// Len blocks nothing.
func (q *Queue[T]) Len() int { return len(q.items) }

func serveQueue(w http.ResponseWriter, r *http.Request) {
	var q Queue[string]
	q.pause()
	_ = q.Len()
}

// Handle is a generic function with the shape of a handler.
func Handle[T any](w http.ResponseWriter, r *http.Request) {
	time.Sleep(time.Second) // want `^time\.Sleep in HTTP handler Handle ignores cancellation`
}

// Process is a generic function that takes a context.
func Process[T any](ctx context.Context, items []T) {
	for range items {
		time.Sleep(time.Millisecond) // want `^time\.Sleep in Process, which takes a context, ignores cancellation`
	}
}

// loop is a generic function started as a goroutine with an explicit
// instantiation.
func loop[T any](v T) { // want loop:`blocks\(sleep: time\.Sleep\)`
	for {
		time.Sleep(time.Second) // want `^time\.Sleep in the goroutine loop started in Start ignores cancellation`
	}
}

// tick is a method of a generic type handed, as a method value of an
// instantiated receiver, to time.AfterFunc.
func (q *Queue[T]) tick() { // want tick:`blocks\(sleep: time\.Sleep\)`
	for {
		time.Sleep(time.Millisecond) // want `^time\.Sleep in the time\.AfterFunc callback set in Start ignores cancellation`
	}
}

// tock is a generic function handed, instantiated, to errgroup-like
// spawners through a function value.
func tock[T any]() { // want tock:`blocks\(sleep: time\.Sleep\)`
	for {
		time.Sleep(time.Millisecond) // want `^time\.Sleep in the WaitGroup goroutine started in Start ignores cancellation`
	}
}

func Start() {
	go loop[int](1)
	go loop("inferred")
	q := &Queue[int]{}
	time.AfterFunc(time.Second, q.tick)
	var wg sync.WaitGroup
	wg.Go(tock[string])
	wg.Wait()
}

// upstream calls the generic function and method of another package:
// the facts of their origins apply.
func upstream(w http.ResponseWriter, r *http.Request) {
	_ = lib.Retry(func() (int, error) { return 1, nil }) // want `^call to lib\.Retry in HTTP handler upstream blocks in time\.Sleep`
	var p lib.Pool[string]
	_ = p.Get() // want `^call to \(\*lib\.Pool\)\.Get in HTTP handler upstream blocks in time\.Sleep`
	_ = p.Len()
}

// constrained calls a method through a type parameter: an interface
// call, followed into the package's implementations.
type waiter interface{ Wait() }

type slow struct{}

func (slow) Wait() { time.Sleep(time.Second) } // want Wait:`blocks\(sleep: time\.Sleep\)` `time\.Sleep in \(slow\)\.Wait, reached from viaTypeParam`

func viaTypeParam[T waiter](ctx context.Context, t T) {
	t.Wait()
}

func useTypeParam(ctx context.Context) {
	viaTypeParam(ctx, slow{})
}
