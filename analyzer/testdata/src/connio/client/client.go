// Package client speaks proto's protocol on connections it dials.
package client

import (
	"context"
	"net"

	"connio/proto"
)

// Hello reads the greeting through another package's helper, which
// reads the connection with no deadline: the dial honours ctx, the
// conversation does not.
func Hello(ctx context.Context, addr string) (string, error) {
	var d net.Dialer
	conn, err := d.DialContext(ctx, "tcp", addr)
	if err != nil {
		return "", err
	}
	defer conn.Close()
	return proto.ReadGreeting(conn) // want `conn read or written by proto\.ReadGreeting in Hello, which takes a context, ignores cancellation`
}

// HelloTimed's helper sets a deadline: no finding.
func HelloTimed(ctx context.Context, addr string) (string, error) {
	var d net.Dialer
	conn, err := d.DialContext(ctx, "tcp", addr)
	if err != nil {
		return "", err
	}
	defer conn.Close()
	return proto.ReadTimed(conn)
}
