// Package p06donechan: waiting on a done channel with no way out.
package p06donechan

import (
	"context"
	"net"
	"time"
)

// Conn has a writer goroutine that closes writerDone when it returns.
type Conn struct {
	nc         net.Conn
	out        chan []byte
	quit       chan struct{}
	writerDone chan struct{}
}

func (c *Conn) writer() {
	defer close(c.writerDone)
	for {
		select {
		case b := <-c.out:
			if _, err := c.nc.Write(b); err != nil {
				return
			}
		case <-c.quit:
			return
		}
	}
}

// Close takes a context and then waits for the writer regardless: a
// writer stuck on a black-holed peer hangs Close forever.
func (c *Conn) Close(ctx context.Context) error {
	close(c.quit)
	<-c.writerDone // want `receive from c\.writerDone in \(\*Conn\)\.Close, which takes a context, can block forever: select on it together with ctx\.Done\(\)`
	return c.nc.Close()
}

// CloseCtx is the clean twin: the wait ends with ctx.
func (c *Conn) CloseCtx(ctx context.Context) error {
	close(c.quit)
	select {
	case <-c.writerDone:
	case <-ctx.Done():
		return ctx.Err()
	}
	return c.nc.Close()
}

// CloseTimeout is the other clean twin: the wait ends with a timer.
func (c *Conn) CloseTimeout() error {
	close(c.quit)
	select {
	case <-c.writerDone:
	case <-time.After(5 * time.Second):
	}
	return c.nc.Close()
}

// CloseWait has no context at hand and no entry point reaches it: a
// receive on a shared channel is then how goroutines talk.
func (c *Conn) CloseWait() error { // want CloseWait:`blocks\(chanaudit: receive from c\.writerDone\)`
	close(c.quit)
	<-c.writerDone
	return c.nc.Close()
}
