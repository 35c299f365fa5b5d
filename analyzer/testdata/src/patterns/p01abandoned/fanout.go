package p01abandoned

import (
	"context"

	"golang.org/x/sync/errgroup"
)

// Shard is one partition of a scatter-gather query.
type Shard struct{ name string }

func (s Shard) search(q string) []string { return []string{s.name + ":" + q} }

// Scatter sends one result per shard on an unbuffered channel, and the
// gatherer returns early when ctx is done: every shard still running
// leaks.
func Scatter(ctx context.Context, shards []Shard, q string) ([]string, error) {
	results := make(chan []string)
	for _, sh := range shards {
		go func() {
			results <- sh.search(q) // want `send on results blocks forever once Scatter takes the`
		}()
	}
	var out []string
	for range shards {
		select {
		case r := <-results:
			out = append(out, r...)
		case <-ctx.Done():
			return out, ctx.Err()
		}
	}
	return out, nil
}

// ScatterSized is the clean twin: the channel has a slot for every
// shard, so no send can block once the gatherer has left.
func ScatterSized(ctx context.Context, shards []Shard, q string) ([]string, error) {
	results := make(chan []string, len(shards))
	for _, sh := range shards {
		go func() {
			results <- sh.search(q)
		}()
	}
	var out []string
	for range shards {
		select {
		case r := <-results:
			out = append(out, r...)
		case <-ctx.Done():
			return out, ctx.Err()
		}
	}
	return out, nil
}

// First returns the first shard's answer; the errgroup goroutines that
// lose the race block on their send once First has returned.
func First(ctx context.Context, shards []Shard, q string) ([]string, error) {
	g, ctx := errgroup.WithContext(ctx)
	first := make(chan []string)
	for _, sh := range shards {
		g.Go(func() error {
			first <- sh.search(q) // want `send on first blocks forever once First takes the`
			return nil
		})
	}
	select {
	case r := <-first:
		return r, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}
