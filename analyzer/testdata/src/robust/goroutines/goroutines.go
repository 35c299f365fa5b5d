// Package goroutines: method values and method expressions as
// goroutine targets, closures that capture closures, goroutines
// started in loops and in deferred calls. Each goroutine sleeps in a
// loop: a single pause in a goroutine that has nothing to cancel it
// with is no finding.
package goroutines

import (
	"context"
	"net/http"
	"sync"
	"time"
)

type worker struct {
	mu sync.Mutex
	n  int
}

func (w *worker) run() { // want run:`blocks\(sleep: time\.Sleep\)`
	for {
		time.Sleep(time.Second) // want `^time\.Sleep in the goroutine \(\*worker\)\.run started in start ignores cancellation`
	}
}

func (w *worker) exprTarget() { // want exprTarget:`blocks\(sleep: time\.Sleep\)`
	for {
		time.Sleep(time.Second) // want `^time\.Sleep in the goroutine \(\*worker\)\.exprTarget started in start ignores cancellation`
	}
}

func (w worker) byValue() { // want byValue:`blocks\(sleep: time\.Sleep\)`
	for {
		time.Sleep(time.Second) // want `^time\.Sleep in the goroutine \(worker\)\.byValue started in start ignores cancellation`
	}
}

func (w *worker) afterTarget() { // want afterTarget:`blocks\(sleep: time\.Sleep\)`
	for {
		time.Sleep(time.Second) // want `^time\.Sleep in the time\.AfterFunc callback set in start ignores cancellation`
	}
}

func (w *worker) wgTarget() { // want wgTarget:`blocks\(sleep: time\.Sleep\)`
	for {
		time.Sleep(time.Second) // want `^time\.Sleep in the WaitGroup goroutine started in start ignores cancellation`
	}
}

// valueVar is only ever called through a function value: silent, but
// it blocks, so its fact is exported.
func (w *worker) valueVar() { // want valueVar:`blocks\(sleep: time\.Sleep\)`
	time.Sleep(time.Second)
}

// start starts methods as goroutines: a method call, a method
// expression, and method values handed to spawning functions.
func start(w *worker) {
	go w.run()
	go (*worker).exprTarget(w)
	go worker.byValue(*w)
	time.AfterFunc(time.Second, w.afterTarget)
	var wg sync.WaitGroup
	wg.Go(w.wgTarget)
	wg.Wait()
	// A method value in a variable is a function value: calls through
	// it are not followed.
	f := w.valueVar
	go f()
}

// closures: a literal that calls a literal it captured.
func closures(wr http.ResponseWriter, r *http.Request) {
	inner := func() {
		time.Sleep(time.Second) // want `^time\.Sleep in the func literal in closures, reached from HTTP handler closures, ignores cancellation: wait on a time\.Timer`
	}
	outer := func() {
		inner()
	}
	outer()
}

// spawnedClosures: the goroutine runs a closure that calls another.
func spawnedClosures() {
	inner := func() {
		for {
			time.Sleep(time.Second) // want `^time\.Sleep in the func literal in spawnedClosures, reached from the goroutine started in spawnedClosures, ignores cancellation`
		}
	}
	outer := func() {
		inner()
	}
	go outer()
}

// nested: a literal written in a literal written in a literal.
func nested(ctx context.Context) {
	func() {
		func() {
			func() {
				time.Sleep(time.Second) // want `^time\.Sleep in the func literal in nested, reached from nested, which takes a context, ignores cancellation`
			}()
		}()
	}()
}

func work(i int) { // want work:`blocks\(sleep: time\.Sleep\)`
	for {
		time.Sleep(time.Duration(i)) // want `^time\.Sleep in the goroutine work started in loops ignores cancellation`
	}
}

// loops starts goroutines in loops of every kind.
func loops(items []int) {
	for _, it := range items {
		go func() {
			for {
				time.Sleep(time.Duration(it)) // want `^time\.Sleep in the goroutine started in loops ignores cancellation`
			}
		}()
	}
	for i := 0; i < 3; i++ {
		go work(i)
	}
	for i := range 3 {
		go func(n int) {
			for {
				time.Sleep(time.Duration(n)) // want `^time\.Sleep in the goroutine started in loops ignores cancellation`
			}
		}(i)
	}
}

func cleanup() { // want cleanup:`blocks\(sleep: time\.Sleep\)`
	for {
		time.Sleep(time.Second) // want `^time\.Sleep in the goroutine cleanup started in spawnCleanup ignores cancellation`
	}
}

func spawnCleanup() {
	go cleanup()
}

// deferred starts goroutines from deferred calls.
func deferred(w http.ResponseWriter, r *http.Request) {
	defer func() {
		go func() {
			time.Sleep(time.Second) // want `^time\.Sleep in the goroutine started in deferred ignores cancellation`
		}()
	}()
	defer spawnCleanup()
	defer time.AfterFunc(time.Second, func() {
		time.Sleep(time.Second) // want `^time\.Sleep in the time\.AfterFunc callback set in deferred ignores cancellation`
	})
}

// fetcher sends its result on out; log is a channel of someone else's.
type fetcher struct{}

func (f *fetcher) fetch(out chan int, log chan int) { // want fetch:`blocks\(chanaudit: send on log\)`
	log <- 0
	out <- 1 // want `^send on out blocks forever once viaCall takes the`
}

// viaCall hands a result channel to a method started as a goroutine.
func viaCall(ctx context.Context, f *fetcher, log chan int) int {
	ch := make(chan int)
	go f.fetch(ch, log)
	select {
	case v := <-ch:
		return v
	case <-ctx.Done():
		return 0
	}
}

// exprFetcher is the same, started through a method expression, whose
// first argument is the receiver.
type exprFetcher struct{}

func (f *exprFetcher) fetch(out chan int, log chan int) { // want fetch:`blocks\(chanaudit: send on log\)`
	log <- 0
	out <- 1 // want `^send on out blocks forever once viaExpr takes the`
}

func viaExpr(ctx context.Context, f *exprFetcher, log chan int) int {
	ch := make(chan int)
	go (*exprFetcher).fetch(f, ch, log)
	select {
	case v := <-ch:
		return v
	case <-ctx.Done():
		return 0
	}
}

// batch counts its goroutines with a WaitGroup it is handed.
type batch struct{}

func (b *batch) work(wg *sync.WaitGroup, n int) {
	defer wg.Done()
	_ = n
}

// waitEachCall waits inside the loop that starts the goroutines.
func waitEachCall(b *batch, items []int) {
	var wg sync.WaitGroup
	for _, it := range items {
		go b.work(&wg, it)
		wg.Wait() // want `^wg\.Wait inside the loop that starts the goroutines it waits for`
	}
}

// waitEachExpr is the same through a method expression.
func waitEachExpr(b *batch, items []int) {
	var wg sync.WaitGroup
	for _, it := range items {
		go (*batch).work(b, &wg, it)
		wg.Wait() // want `^wg\.Wait inside the loop that starts the goroutines it waits for`
	}
}
