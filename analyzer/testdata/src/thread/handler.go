// Package thread holds operations in functions with no context,
// reached from functions that have one: the fix passes the context
// down the path.
package thread

import (
	"context"
	"net"
	"net/http"
)

// Handle has a context; wait and pause, which it calls, do not.
func Handle(ctx context.Context) error {
	return wait(3)
}

// Poll has one too, and also calls pause.
func Poll(ctx context.Context) {
	pause()
}

// Serve calls the exported Probe, which keeps its signature.
func Serve(w http.ResponseWriter, r *http.Request) {
	_ = Probe("example.com:80")
}

// Hook passes retry as a value: retry keeps its signature and gets a
// twin that takes the context.
func Hook(ctx context.Context) {
	retry()
	run(retry)
}

func run(f func()) { f() }

// Tick has a context, and calls tock, which already names ctx.
func Tick(ctx context.Context) {
	tock()
}

// Session is the package's own context type.
type Session struct{ context.Context }

func dialOnce(addr string) error { // want dialOnce:"blocks\\(net: net.Dial\\)"
	conn, err := net.Dial("tcp", addr) // want `net.Dial in dialOnce, reached from Tables, which takes a context, ignores cancellation`
	if err != nil {
		return err
	}
	return conn.Close()
}

// Migrate has a context; migrate, which it calls, does not.
func Migrate(ctx context.Context) { migrate() }

// Dialer is implemented by tcpDialer below; Connect reaches its Dial
// only through the interface, so no call could pass a context: no fix.
type Dialer interface{ Dial(addr string) error }

type tcpDialer struct{}

func (t tcpDialer) Dial(addr string) error { // want Dial:"blocks\\(net: net.Dial\\)"
	conn, err := net.Dial("tcp", addr) // want `net.Dial in \(tcpDialer\).Dial, reached from Connect, which takes a context, ignores cancellation`
	if err != nil {
		return err
	}
	return conn.Close()
}

func Connect(ctx context.Context, d Dialer) error {
	return d.Dial("db:5432")
}
