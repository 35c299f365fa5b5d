// Package p01abandoned: a goroutine sends its result on an unbuffered
// channel while the parent selects on another way out.
package p01abandoned

import (
	"context"
	"errors"
	"time"
)

type result struct {
	val string
	err error
}

type backend struct{ data map[string]string }

func (b *backend) lookup(key string) (string, error) {
	v, ok := b.data[key]
	if !ok {
		return "", errors.New("not found")
	}
	return v, nil
}

// Client fronts a slow backend.
type Client struct {
	backend *backend
	timeout time.Duration
}

// Get waits for the lookup or for ctx, whichever comes first. When ctx
// wins, the goroutine's send blocks forever.
func (c *Client) Get(ctx context.Context, key string) (string, error) {
	ch := make(chan result)
	go func() {
		v, err := c.backend.lookup(key)
		ch <- result{v, err} // want `send on ch blocks forever once \(\*Client\)\.Get takes the .*: give ch a buffer`
	}()
	select {
	case r := <-ch:
		return r.val, r.err
	case <-ctx.Done():
		return "", ctx.Err()
	}
}

// GetTimeout has no context: the timer is the other way out, and the
// send leaks just the same.
func (c *Client) GetTimeout(key string) (string, error) {
	done := make(chan result)
	go func() {
		v, err := c.backend.lookup(key)
		done <- result{val: v, err: err} // want `send on done blocks forever once \(\*Client\)\.GetTimeout takes the`
	}()
	select {
	case r := <-done:
		return r.val, r.err
	case <-time.After(c.timeout):
		return "", errors.New("timeout")
	}
}

// GetBuffered is the clean twin: the channel has room for its one send.
func (c *Client) GetBuffered(ctx context.Context, key string) (string, error) {
	ch := make(chan result, 1)
	go func() {
		v, err := c.backend.lookup(key)
		ch <- result{v, err}
	}()
	select {
	case r := <-ch:
		return r.val, r.err
	case <-ctx.Done():
		return "", ctx.Err()
	}
}

// GetSelectSend is the other clean twin: the goroutine gives up its
// send when ctx is done.
func (c *Client) GetSelectSend(ctx context.Context, key string) (string, error) {
	ch := make(chan result)
	go func() {
		v, err := c.backend.lookup(key)
		select {
		case ch <- result{v, err}:
		case <-ctx.Done():
		}
	}()
	select {
	case r := <-ch:
		return r.val, r.err
	case <-ctx.Done():
		return "", ctx.Err()
	}
}

// GetBlocking waits without another way out: the receiver never leaves,
// so the send always finds it.
func (c *Client) GetBlocking(key string) (string, error) {
	ch := make(chan result)
	go func() {
		v, err := c.backend.lookup(key)
		ch <- result{v, err}
	}()
	r := <-ch
	return r.val, r.err
}
