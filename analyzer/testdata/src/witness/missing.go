package witness

import (
	"context"
	"time"
)

// Wait waits for a value the goroutine does not send once ctx is done.
func Wait(ctx context.Context) int {
	ch := make(chan int)
	go func() {
		if ctx.Err() != nil {
			return
		}
		ch <- compute()
	}()
	return <-ch // want `receive from ch in Wait blocks forever once the goroutine started at missing.go:\d+ returns \(missing.go:\d+\) without sending on it`
}

// WaitAlways: the goroutine sends on every path.
func WaitAlways(ctx context.Context) int {
	ch := make(chan int)
	go func() {
		if ctx.Err() != nil {
			ch <- 0
			return
		}
		ch <- compute()
	}()
	return <-ch
}

// WaitClosed: a deferred close answers every path.
func WaitClosed(ctx context.Context) int {
	ch := make(chan int)
	go func() {
		defer close(ch)
		if ctx.Err() != nil {
			return
		}
		ch <- compute()
	}()
	return <-ch
}

// Collect ranges until the producer closes, and the producer leaves on
// a negative value without closing.
func Collect(xs []int) []int {
	out := make(chan int)
	go func() {
		for _, x := range xs {
			if x < 0 {
				return
			}
			out <- x
		}
		close(out)
	}()
	var r []int
	for v := range out { // want `range over out in Collect never ends once the goroutine started at missing.go:\d+ returns \(missing.go:\d+\) without closing it: close out on every path of the goroutine, as in defer close\(out\)`
		r = append(r, v)
	}
	return r
}

// CollectDeferred: the producer closes on every path.
func CollectDeferred(xs []int) []int {
	out := make(chan int)
	go func() {
		defer close(out)
		for _, x := range xs {
			if x < 0 {
				return
			}
			out <- x
		}
	}()
	var r []int
	for v := range out {
		r = append(r, v)
	}
	return r
}

// Gather counts one value per worker, and a worker can skip its send.
func Gather(n int) int {
	res := make(chan int)
	for i := range n {
		go func() {
			if i%2 == 0 {
				return
			}
			res <- i
		}()
	}
	sum := 0
	for range n {
		sum += <-res // want `receive from res in Gather blocks forever once the goroutine started at missing.go:\d+ returns \(missing.go:\d+\) without sending on it`
	}
	return sum
}

// GatherAll: every worker sends once.
func GatherAll(n int) int {
	res := make(chan int)
	for i := range n {
		go func() {
			if i%2 == 0 {
				res <- 0
				return
			}
			res <- i
		}()
	}
	sum := 0
	for range n {
		sum += <-res
	}
	return sum
}

// Pool: workers range over the jobs the owner closes on every path,
// and results has room for every job.
func Pool(jobs []int) []int {
	in := make(chan int)
	out := make(chan int, len(jobs))
	for range 4 {
		go func() {
			for j := range in {
				out <- j * 2
			}
		}()
	}
	for _, j := range jobs {
		in <- j
	}
	close(in)
	var r []int
	for range jobs {
		r = append(r, <-out)
	}
	return r
}

// Ramp's goroutine leaves its ticker loop only by the return after its
// send: nothing closes a ticker's channel, so the loop's end is never
// reached.
func Ramp(limit int) {
	done := make(chan bool)
	go func() {
		t := time.NewTicker(time.Millisecond)
		defer t.Stop()
		n := 0
		for range t.C { // want `range over t.C in the goroutine started in Ramp ignores cancellation`
			if n++; n >= limit {
				done <- true
				return
			}
		}
	}()
	<-done
}

// RampBreak's goroutine can break out of the loop without sending.
func RampBreak(limit int) {
	done := make(chan bool)
	go func() {
		t := time.NewTicker(time.Millisecond)
		defer t.Stop()
		n := 0
		for range t.C { // want `range over t.C in the goroutine started in RampBreak ignores cancellation`
			if n++; n < 0 {
				break
			}
			if n >= limit {
				done <- true
				return
			}
		}
	}()
	<-done // want `receive from done in RampBreak blocks forever once the goroutine started at missing.go:\d+ returns \(missing.go:\d+\) without sending on it`
}
