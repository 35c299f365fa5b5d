// Package proto reads and writes a line protocol on any connection.
package proto

import (
	"io"
	"net"
	"time"
)

// ReadGreeting reads the server's greeting.
func ReadGreeting(r io.Reader) (string, error) { // want ReadGreeting:`sinks\(0: conn\)`
	buf := make([]byte, 64)
	_, err := io.ReadFull(r, buf)
	return string(buf), err
}

// ReadTimed bounds its read with a deadline of its own.
func ReadTimed(c net.Conn) (string, error) {
	c.SetReadDeadline(time.Now().Add(time.Second))
	buf := make([]byte, 64)
	_, err := c.Read(buf)
	return string(buf), err
}
