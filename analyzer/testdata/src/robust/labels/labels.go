// Package labels: event loops with labels on the loop, on the select,
// and breaks and continues that name them.
package labels

import (
	"context"
	"time"
)

type server struct {
	events chan int
	quit   chan struct{}
}

// loop has a labelled for: break outer leaves the loop, so blocking
// before it stalls nothing; continue outer does not.
func (s *server) loop() { // want loop:`blocks\(sleep: time\.Sleep\)`
outer:
	for {
		select {
		case <-s.quit:
			time.Sleep(time.Millisecond)
			break outer
		case v := <-s.events:
			if v < 0 {
				continue outer
			}
			time.Sleep(time.Millisecond) // want `^time\.Sleep in a case of the event loop in \(\*server\)\.loop stalls every other case`
		}
	}
}

// labelledSelect puts the label on the select: it is still an event
// loop.
func (s *server) labelledSelect() { // want labelledSelect:`blocks\(sleep: time\.Sleep\)`
	for {
	sel:
		select {
		case <-s.quit:
			return
		case v := <-s.events:
			if v == 0 {
				break sel
			}
			time.Sleep(time.Millisecond) // want `^time\.Sleep in a case of the event loop in \(\*server\)\.labelledSelect stalls every other case`
		}
	}
}

// gotoLoop leaves the loop with goto.
func (s *server) gotoLoop() { // want gotoLoop:`blocks\(sleep: time\.Sleep\)`
	for {
		select {
		case <-s.quit:
			goto done
		case <-s.events:
			time.Sleep(time.Millisecond) // want `^time\.Sleep in a case of the event loop in \(\*server\)\.gotoLoop stalls every other case`
		}
	}
done:
}

// nestedLoops: the inner loop is an event loop of its own, and break
// outer from inside it ends both.
func (s *server) nestedLoops(ctx context.Context) {
outer:
	for i := 0; ; i++ {
	inner:
		for {
			select {
			case <-ctx.Done():
				break outer
			case v := <-s.events:
				if v > 10 {
					break inner
				}
				if v > 5 {
					continue outer
				}
			}
		}
	}
}

// innerBreak breaks out of a loop inside the case body only: the event
// loop goes on, so blocking before the break stalls it.
func (s *server) innerBreak(items []int) { // want innerBreak:`blocks\(sleep: time\.Sleep\)`
	for {
		select {
		case <-s.quit:
			return
		case <-s.events:
		inner:
			for _, x := range items {
				if x == 0 {
					time.Sleep(time.Millisecond) // want `^time\.Sleep in a case of the event loop in \(\*server\)\.innerBreak stalls every other case`
					break inner
				}
			}
		}
	}
}

// gotoInside jumps back within the case body: the loop goes on.
func (s *server) gotoInside() { // want gotoInside:`blocks\(sleep: time\.Sleep\)`
	for {
		select {
		case <-s.quit:
			return
		case ev := <-s.events:
		again:
			if ev < 0 {
				time.Sleep(time.Millisecond) // want `^time\.Sleep in a case of the event loop in \(\*server\)\.gotoInside stalls every other case`
				ev++
				goto again
			}
		}
	}
}
