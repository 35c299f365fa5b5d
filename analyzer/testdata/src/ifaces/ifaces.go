// Package ifaces calls through interfaces of its own, whose
// implementations in the package block.
package ifaces

import (
	"context"
	"net"
	"time"
)

// Dialer is the package's own dialing interface.
type Dialer interface {
	Dial(network, address string) (net.Conn, error)
}

type defaultDialer struct{}

func (defaultDialer) Dial(network, address string) (net.Conn, error) { // want Dial:`blocks\(net: net.Dial\)`
	return net.Dial(network, address) // want `net.Dial in \(defaultDialer\).Dial, reached from Connect, which takes a context, ignores cancellation`
}

// Connect dials through the interface: its one implementation in the
// package dials without the context.
func Connect(ctx context.Context, d Dialer, addr string) (net.Conn, error) {
	return d.Dial("tcp", addr)
}

// Retrier is implemented by a decorator that sleeps.
type Retrier interface {
	Retry(f func() error) error
}

type backoff struct{ wait time.Duration }

func (b *backoff) Retry(f func() error) error { // want Retry:`blocks\(sleep: time.Sleep\)`
	for i := 0; i < 3; i++ {
		if err := f(); err == nil {
			return nil
		}
		time.Sleep(b.wait) // want `time\.Sleep in \(\*backoff\).Retry, reached from Run, which takes a context, ignores cancellation`
	}
	return f()
}

// Run retries through the interface.
func Run(ctx context.Context, r Retrier, f func() error) error {
	return r.Retry(f)
}

// Namer's implementations do not block.
type Namer interface {
	Name() string
}

type fixed string

func (f fixed) Name() string { return string(f) }

// Hello calls an interface whose implementations do not block.
func Hello(ctx context.Context, n Namer) string {
	return "hello " + n.Name()
}
