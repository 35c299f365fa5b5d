package precision

import (
	"bytes"
	"context"
	"crypto/tls"
	"net"
	"net/http"
)

// A semaphore slot given back right after it was taken.
type Broker struct{ inFlight chan struct{} }

func NewBroker(n int) *Broker { return &Broker{inFlight: make(chan struct{}, n)} }

func (b *Broker) send(write func() error) error {
	b.inFlight <- struct{}{}
	if err := write(); err != nil {
		<-b.inFlight
		return err
	}
	return nil
}

func (b *Broker) Loop(tick, quit <-chan struct{}, write func() error) {
	for {
		select {
		case <-tick:
			_ = b.send(write)
		case <-quit:
			return
		}
	}
}

// A channel used as a mutex.
type wsConn struct {
	mu  chan struct{}
	buf bytes.Buffer
}

func (c *wsConn) Write(p []byte) {
	<-c.mu
	defer func() { c.mu <- struct{}{} }()
	c.buf.Write(p)
}

func WSHandler(w http.ResponseWriter, r *http.Request) {
	c := &wsConn{mu: make(chan struct{}, 1)}
	c.mu <- struct{}{}
	c.Write([]byte("hi"))
}

// Two results raced, the loser drained.
func race(read, write func(stop <-chan struct{}) error) error {
	stopW, stopR := make(chan struct{}), make(chan struct{})
	doneW, doneR := make(chan error), make(chan error)
	go func() { doneW <- write(stopW) }()
	go func() { doneR <- read(stopR) }()
	var err error
	select {
	case err = <-doneW:
		close(stopR)
		<-doneR
	case err = <-doneR:
		close(stopW)
		<-doneW
	}
	return err
}

func StartRace(r, w func(<-chan struct{}) error) { go race(r, w) }

// A two-way meeting on one channel.
func watchCancel(ctx context.Context, cancel func()) func() {
	finished := make(chan struct{})
	go func() {
		select {
		case <-ctx.Done():
			cancel()
			finished <- struct{}{}
		case <-finished:
		}
	}()
	return func() {
		select {
		case <-finished:
		case finished <- struct{}{}:
		}
	}
}

// A select over the function's own channels.
func Upload(ctx context.Context, n, parts int, put func(context.Context, []byte) error) (err error) {
	bufs := make(chan []byte, n)
	for i := 0; i < n; i++ {
		bufs <- make([]byte, 10)
	}
	errCh := make(chan error, n)
	for i := 0; i < parts; i++ {
		var buf []byte
		select {
		case buf = <-bufs:
		case err = <-errCh:
			return err
		}
		go func() {
			if uerr := put(ctx, buf); uerr != nil {
				errCh <- uerr
				return
			}
			bufs <- buf
		}()
	}
	return nil
}

// A watcher goroutine closes the connection when the context is done.
func Connect(ctx context.Context, raw net.Conn, cfg *tls.Config) (net.Conn, error) {
	done := make(chan struct{})
	defer close(done)
	go func() {
		select {
		case <-ctx.Done():
			raw.Close()
		case <-done:
		}
	}()
	c := tls.Client(raw, cfg)
	if err := c.Handshake(); err != nil {
		return nil, err
	}
	return c, nil
}
