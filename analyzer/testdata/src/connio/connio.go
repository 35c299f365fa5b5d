// Package connio holds functions with a context that dial and then
// talk over the connection, beside twins whose conversation the
// context bounds.
package connio

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"time"
)

// Greet dials with the context, then writes and reads with nothing
// that ends the conversation when ctx is done.
func Greet(ctx context.Context, addr string) (string, error) {
	var d net.Dialer
	conn, err := d.DialContext(ctx, "tcp", addr)
	if err != nil {
		return "", err
	}
	defer conn.Close()
	if _, err := fmt.Fprintf(conn, "HELO\r\n"); err != nil { // want `fmt.Fprintf on conn in Greet, which takes a context, ignores cancellation: close conn when ctx is done, as in stop := context.AfterFunc\(ctx, func\(\) \{ conn.Close\(\) \}\); defer stop\(\)`
		return "", err
	}
	buf := make([]byte, 64)
	n, err := conn.Read(buf)
	return string(buf[:n]), err
}

// Echo reads with io.ReadFull.
func Echo(ctx context.Context, addr string, msg []byte) error {
	conn, err := net.Dial("tcp", addr) // want `net.Dial in Echo, which takes a context, ignores cancellation`
	if err != nil {
		return err
	}
	defer conn.Close()
	_, err = io.ReadFull(conn, msg) // want `io.ReadFull on conn in Echo, which takes a context, ignores cancellation`
	return err
}

// GreetDeadline gives the connection the context's deadline.
func GreetDeadline(ctx context.Context, addr string) error {
	var d net.Dialer
	conn, err := d.DialContext(ctx, "tcp", addr)
	if err != nil {
		return err
	}
	defer conn.Close()
	if dl, ok := ctx.Deadline(); ok {
		conn.SetDeadline(dl)
	}
	_, err = conn.Write([]byte("HELO\r\n"))
	return err
}

// GreetAfterFunc closes the connection when ctx is done.
func GreetAfterFunc(ctx context.Context, addr string) error {
	var d net.Dialer
	conn, err := d.DialContext(ctx, "tcp", addr)
	if err != nil {
		return err
	}
	stop := context.AfterFunc(ctx, func() { conn.Close() })
	defer stop()
	_, err = conn.Write([]byte("HELO\r\n"))
	return err
}

// GreetWatcher closes the connection from a goroutine that waits for
// ctx.
func GreetWatcher(ctx context.Context, addr string) error {
	var d net.Dialer
	conn, err := d.DialContext(ctx, "tcp", addr)
	if err != nil {
		return err
	}
	done := make(chan struct{})
	defer close(done)
	go func() {
		select {
		case <-ctx.Done():
			conn.Close()
		case <-done:
		}
	}()
	_, err = conn.Write([]byte("HELO\r\n"))
	return err
}

// Handshake hands the connection to a helper, which may set its
// deadline: not judged here.
func Handshake(ctx context.Context, addr string) error {
	var d net.Dialer
	conn, err := d.DialContext(ctx, "tcp", addr)
	if err != nil {
		return err
	}
	setup(conn)
	_, err = conn.Write([]byte("HELO\r\n"))
	return err
}

func setup(c net.Conn) { c.SetDeadline(time.Now().Add(time.Second)) }

// Open returns the connection: its caller owns the conversation.
func Open(ctx context.Context, addr string) (net.Conn, error) {
	var d net.Dialer
	conn, err := d.DialContext(ctx, "tcp", addr)
	if err != nil {
		return nil, err
	}
	_, err = conn.Write([]byte("HELO\r\n"))
	return conn, err
}

// Lines reads through bufio: the conversation is just as unbounded.
func Lines(ctx context.Context, addr string) (string, error) {
	var d net.Dialer
	conn, err := d.DialContext(ctx, "tcp", addr)
	if err != nil {
		return "", err
	}
	return bufio.NewReader(conn).ReadString('\n') // want `conn read and written through bufio.NewReader in Lines, which takes a context, ignores cancellation`
}

// Dial has no context: the rule is for functions that have one.
func Dial(addr string) error { // want Dial:"blocks\\(net: net.Dial\\)"
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		return err
	}
	_, err = conn.Write([]byte("HELO\r\n"))
	return err
}

// Announce sends one datagram: it does not wait for the peer.
func Announce(ctx context.Context, addr string, msg []byte) error {
	var d net.Dialer
	conn, err := d.DialContext(ctx, "udp", addr)
	if err != nil {
		return err
	}
	defer conn.Close()
	_, err = conn.Write(msg)
	return err
}

// AnnounceWait sends a datagram and waits for the answer, which may
// never come.
func AnnounceWait(ctx context.Context, addr string, msg []byte) error {
	var d net.Dialer
	conn, err := d.DialContext(ctx, "udp", addr)
	if err != nil {
		return err
	}
	defer conn.Close()
	if _, err := conn.Write(msg); err != nil {
		return err
	}
	_, err = conn.Read(msg) // want `conn.Read in AnnounceWait, which takes a context, ignores cancellation`
	return err
}
