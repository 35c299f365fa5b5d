package connio

import (
	"context"
	"io"
	"net"
	"time"
)

// Login speaks its protocol through helpers of its own that read and
// write the connection: the conversation is as unbounded as if it
// were written here.
func Login(ctx context.Context, addr string) (string, error) {
	var d net.Dialer
	conn, err := d.DialContext(ctx, "tcp", addr)
	if err != nil {
		return "", err
	}
	defer conn.Close()
	greeting, err := readGreeting(conn) // want `conn read or written by readGreeting in Login, which takes a context, ignores cancellation`
	if err != nil {
		return "", err
	}
	return greeting, sendLine(conn, "AUTH")
}

// readGreeting reads through another helper.
func readGreeting(r io.Reader) (string, error) {
	return readN(r, 64)
}

func readN(r io.Reader, n int) (string, error) {
	buf := make([]byte, n)
	_, err := io.ReadFull(r, buf)
	return string(buf), err
}

func sendLine(w io.Writer, line string) error {
	_, err := io.WriteString(w, line+"\r\n")
	return err
}

// LoginBounded's helper sets a deadline on the connection before it
// reads: bounded, no finding.
func LoginBounded(ctx context.Context, addr string) (string, error) {
	var d net.Dialer
	conn, err := d.DialContext(ctx, "tcp", addr)
	if err != nil {
		return "", err
	}
	defer conn.Close()
	return readTimed(conn)
}

func readTimed(c net.Conn) (string, error) {
	c.SetReadDeadline(time.Now().Add(5 * time.Second))
	return readN(c, 64)
}

// LoginWatched's helper hands the connection to a goroutine, which
// may close it: not judged.
func LoginWatched(ctx context.Context, addr string) error {
	var d net.Dialer
	conn, err := d.DialContext(ctx, "tcp", addr)
	if err != nil {
		return err
	}
	defer conn.Close()
	watch(ctx, conn)
	return sendLine(conn, "PING")
}

func watch(ctx context.Context, c io.Closer) {
	go func() {
		<-ctx.Done()
		c.Close()
	}()
}
