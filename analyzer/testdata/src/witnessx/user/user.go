// Package user starts the producer's functions as goroutines: what
// they do with the channel comes from their facts.
package user

import (
	"context"

	"witnessx/producer"
)

// Abandoned leaves on ctx while Answer's send waits.
func Abandoned(ctx context.Context) int {
	ch := make(chan int)
	go producer.Answer(ch) // want `send on ch in producer.Answer blocks forever once Abandoned takes the <-ctx.Done\(\) case \(user.go:\d+\) and returns`
	select {
	case v := <-ch:
		return v
	case <-ctx.Done():
		return 0
	}
}

// Buffered gives Answer room.
func Buffered(ctx context.Context) int {
	ch := make(chan int, 1)
	go producer.Answer(ch)
	select {
	case v := <-ch:
		return v
	case <-ctx.Done():
		return 0
	}
}

// PoliteProducer: the send itself selects on ctx.Done().
func PoliteProducer(ctx context.Context) int {
	ch := make(chan int)
	go producer.Polite(ctx, ch)
	select {
	case v := <-ch:
		return v
	case <-ctx.Done():
		return 0
	}
}

// Missing waits for a value Produce may not send.
func Missing(fail bool) int {
	ch := make(chan int)
	go producer.Produce(ch, fail)
	return <-ch // want `receive from ch in Missing blocks forever once producer.Produce started at user.go:\d+ returns \(producer.go:\d+\) without sending on it`
}

// Always: Answer sends on every path.
func Always() int {
	ch := make(chan int)
	go producer.Answer(ch)
	return <-ch
}

// Unclosed returns without closing the channel Consume ranges over.
func Unclosed(items []int) {
	ch := make(chan int)
	go producer.Consume(ch) // want `range over ch in producer.Consume never ends once Unclosed returns \(user.go:\d+\) without closing it`
	for _, it := range items {
		ch <- it
	}
}

// Closed closes it.
func Closed(items []int) {
	ch := make(chan int)
	defer close(ch)
	go producer.Consume(ch)
	for _, it := range items {
		ch <- it
	}
}

// Collect ranges until Stream closes, which it does on every path.
func Collect(items []int) []int {
	out := make(chan int)
	go producer.Stream(items, out)
	var r []int
	for v := range out {
		r = append(r, v)
	}
	return r
}
