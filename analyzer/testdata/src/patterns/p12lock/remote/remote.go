// Package remote fetches from a peer without a context.
package remote

import (
	"io"
	"net"
)

// Fetch dials addr and reads everything.
func Fetch(addr string) ([]byte, error) { // want Fetch:`blocks\(net: net\.Dial\)`
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	return io.ReadAll(conn)
}
