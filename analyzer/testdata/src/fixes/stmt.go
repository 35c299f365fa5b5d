package fixes

import (
	"context"
	"errors"
	"time"
)

type point struct{ x, y int }

func retry(ctx context.Context) error {
	for i := 0; i < 3; i++ {
		time.Sleep(time.Second) // want `time.Sleep in retry`
	}
	return errors.New("gave up")
}

func pause(ctx context.Context) {
	time.Sleep(10 * time.Millisecond) // want `time.Sleep in pause`
}

func values(ctx context.Context) (int, string, *point, point, []byte, error) {
	timer := 1
	_ = timer
	time.Sleep(time.Second) // want `time.Sleep in values`
	return 0, "", nil, point{}, nil, nil
}

// An unnamed struct result cannot be written out: no fix.
func anonymous(ctx context.Context) struct{ a int } {
	time.Sleep(time.Second) // want `time.Sleep in anonymous`
	return struct{ a int }{}
}

type queue struct {
	in  chan int
	out chan int
}

func (q *queue) push(ctx context.Context, v int) error {
	q.in <- v // want `send on q.in in \(\*queue\).push`
	return nil
}

func (q *queue) pop(ctx context.Context) (v int, err error) {
	v = <-q.out // want `receive from q.out in \(\*queue\).pop`
	<-q.out     // want `receive from q.out in \(\*queue\).pop`
	// := would scope v to the select's case: no fix.
	w := <-q.out // want `receive from q.out in \(\*queue\).pop`
	return v + w, nil
}

func compute() int { return 42 }

func abandoned(ctx context.Context) (int, error) {
	ch := make(chan int)
	go func() {
		ch <- compute() // want `send on ch blocks forever once abandoned takes the`
	}()
	select {
	case v := <-ch:
		return v, nil
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}

// Two senders: a buffer of two.
func abandonedTwice(ctx context.Context) (int, error) {
	ch := make(chan int)
	go func() { ch <- compute() }() // want `send on ch blocks forever once abandonedTwice takes the`
	go func() { ch <- compute() }()
	select {
	case v := <-ch:
		return v, nil
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}

// The sleep shares its line with a comment: no multi-line rewrite.
func sharedLine(ctx context.Context) {
	/* warm up */ time.Sleep(time.Second) // want `time.Sleep in sharedLine`
}

// Two sleeps in one block get two timers.
func twice(ctx context.Context) {
	time.Sleep(time.Second) // want `time.Sleep in twice`
	time.Sleep(time.Second) // want `time.Sleep in twice`
}

// poll ranges over a ticker with a context at hand.
func poll(ctx context.Context, t *time.Ticker, f func()) {
	for range t.C { // want `range over t.C in poll, which takes a context, ignores cancellation`
		f()
	}
}

// pollUntil has a statement after its loop, which a loop that never
// ends would leave unreachable: no fix.
func pollUntil(ctx context.Context, t *time.Ticker, f func() bool) error {
	for range t.C { // want `range over t.C in pollUntil, which takes a context, ignores cancellation`
		if f() {
			return nil
		}
	}
	return nil
}
