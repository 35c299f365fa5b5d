package precision

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"sync"
)

// The goroutine is how Handshake is made cancellable: the caller waits
// for it in a select with ctx.Done() and closes the connection.
func Handshake(ctx context.Context, raw net.Conn, cfg *tls.Config) (*tls.Conn, error) {
	conn := tls.Client(raw, cfg)
	errCh := make(chan error, 1)
	go func() { errCh <- conn.Handshake() }()
	select {
	case err := <-errCh:
		return conn, err
	case <-ctx.Done():
		conn.Close()
		return nil, ctx.Err()
	}
}

// Still reported: a goroutine nobody waits for.
func HandshakeLater(ctx context.Context, conn *tls.Conn) {
	go func() { _ = conn.Handshake() }() // want `\(\*tls.Conn\).Handshake in the goroutine started in HandshakeLater`
}

// A buffer made a line above has room.
type watcher struct {
	mu      sync.Mutex
	updates chan *int
}

func Watch() *watcher {
	w := &watcher{updates: make(chan *int, 256)}
	w.mu.Lock()
	defer w.mu.Unlock()
	w.updates <- nil
	return w
}

// Capacity for every send of the loop.
type nbatch struct {
	sync.Mutex
	msgs chan int
}

func FetchN(ctx context.Context, n int, next func() int) *nbatch {
	res := &nbatch{msgs: make(chan int, n)}
	go func() {
		defer close(res.msgs)
		for i := 0; i < n; i++ {
			res.Lock()
			res.msgs <- next()
			res.Unlock()
		}
	}()
	return res
}

// One slot, and at most one send: each send ends the goroutine.
func Lookup(ctx context.Context, try func() (int, error)) (int, error) {
	errch := make(chan error, 1)
	go func() {
		for i := 0; i < 3; i++ {
			if _, err := try(); err != nil {
				errch <- err
				return
			}
		}
		errch <- errors.New("gave up")
	}()
	select {
	case err := <-errch:
		return 0, err
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}

// No host name to resolve.
func Listen(ctx context.Context, port int) (net.Listener, error) {
	if port == 0 {
		return net.Listen("tcp", "127.0.0.1:0")
	}
	return net.Listen("tcp", fmt.Sprintf(":%d", port))
}

// LookupPort parses numbers and reads the services table: no network.
func Port(ctx context.Context, p string) (int, error) {
	return net.LookupPort("tcp", p)
}

// Nor with a host name: binding a listener waits for no peer.
func ListenHost(ctx context.Context, host string) (net.Listener, error) {
	return net.Listen("tcp", host+":80")
}
