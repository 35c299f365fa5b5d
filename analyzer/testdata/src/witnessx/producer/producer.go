// Package producer has functions that other packages start as
// goroutines with a channel; their facts say what they do with it.
package producer

import "context"

func compute() int { return 1 }

// Produce sends one value, or none when it fails.
func Produce(out chan<- int, fail bool) { // want Produce:"chans\\(0: sends 1, skips at producer.go:\\d+\\)"
	if fail {
		return
	}
	out <- compute()
}

// Answer sends one value on every path.
func Answer(out chan<- int) { // want Answer:"chans\\(0: sends 1\\)"
	out <- compute()
}

// Polite sends in a select with ctx.Done().
func Polite(ctx context.Context, out chan<- int) { // want Polite:"chans\\(1: sends 1, skips at producer.go:\\d+\\)"
	select {
	case out <- compute():
	case <-ctx.Done():
	}
}

// Consume ranges over its input until it is closed.
func Consume(in <-chan int) { // want Consume:"chans\\(0: range\\)"
	for v := range in {
		_ = v
	}
}

// Stream sends every item and closes out on every path.
func Stream(items []int, out chan<- int) { // want Stream:"chans\\(1: sends many, closes\\)"
	defer close(out)
	for _, it := range items {
		out <- it
	}
}
