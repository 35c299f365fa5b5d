package p04ctxless

import (
	"context"
	"crypto/tls"
	"net"
	"time"
)

// Pool dials backends.
type Pool struct {
	timeout time.Duration
	tls     *tls.Config
}

// Connect resolves, dials and handshakes, all without ctx.
func (p *Pool) Connect(ctx context.Context, host, port string) (net.Conn, error) {
	addrs, err := net.LookupHost(host) // want `net\.LookupHost in \(\*Pool\)\.Connect, which takes a context, ignores cancellation: use net\.DefaultResolver\.LookupHost\(ctx, \.\.\.\)`
	if err != nil {
		return nil, err
	}
	conn, err := net.DialTimeout("tcp", net.JoinHostPort(addrs[0], port), p.timeout) // want `net\.DialTimeout in \(\*Pool\)\.Connect, which takes a context, ignores cancellation: use \(&net\.Dialer\{Timeout: d\}\)\.DialContext`
	if err != nil {
		return nil, err
	}
	tc := tls.Client(conn, p.tls)
	if err := tc.Handshake(); err != nil { // want `\(\*tls\.Conn\)\.Handshake in \(\*Pool\)\.Connect, which takes a context, ignores cancellation: use \(\*tls\.Conn\)\.HandshakeContext\(ctx\)`
		conn.Close()
		return nil, err
	}
	return tc, nil
}

// ConnectTLS dials TLS in one call.
func (p *Pool) ConnectTLS(ctx context.Context, addr string) (*tls.Conn, error) {
	return tls.Dial("tcp", addr, p.tls) // want `tls\.Dial in \(\*Pool\)\.ConnectTLS, which takes a context, ignores cancellation: use \(&tls\.Dialer\{Config: cfg\}\)\.DialContext`
}

// ConnectCtx is the clean twin.
func (p *Pool) ConnectCtx(ctx context.Context, host, port string) (net.Conn, error) {
	addrs, err := net.DefaultResolver.LookupHost(ctx, host)
	if err != nil {
		return nil, err
	}
	d := &net.Dialer{Timeout: p.timeout}
	conn, err := d.DialContext(ctx, "tcp", net.JoinHostPort(addrs[0], port))
	if err != nil {
		return nil, err
	}
	tc := tls.Client(conn, p.tls)
	if err := tc.HandshakeContext(ctx); err != nil {
		conn.Close()
		return nil, err
	}
	return tc, nil
}

// Listen with a derived context in scope: the context is at hand even
// though it is a local variable. Binding a listener waits for no peer,
// so net.Listen is not a finding.
func (p *Pool) Listen(parent context.Context, addr string) (net.Listener, error) {
	ctx, cancel := context.WithTimeout(parent, p.timeout)
	defer cancel()
	_ = ctx
	return net.Listen("tcp", addr)
}

// DialDerived dials with a derived context in scope.
func (p *Pool) DialDerived(parent context.Context, addr string) (net.Conn, error) {
	ctx, cancel := context.WithTimeout(parent, p.timeout)
	defer cancel()
	_ = ctx
	return net.Dial("tcp", addr) // want `net\.Dial in \(\*Pool\)\.DialDerived, which takes a context, ignores cancellation: use \(&net\.Dialer\{\}\)\.DialContext\(parent, \.\.\.\)`
}

// ListenCtx is the clean twin.
func (p *Pool) ListenCtx(ctx context.Context, addr string) (net.Listener, error) {
	var lc net.ListenConfig
	return lc.Listen(ctx, "tcp", addr)
}
