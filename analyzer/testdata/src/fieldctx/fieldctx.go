// Package fieldctx: a method with no context of its own whose receiver
// keeps a context the package only sets to contexts that can end: that
// context (c.ctx) is at hand, and the fixes use it. A function that
// takes a context it names _ gets the name ctx from its fix.
package fieldctx

import (
	"context"
	"net"
	"net/http"
	"os/exec"
	"time"
)

// Client keeps the context it was made with: its lifetime.
type Client struct {
	ctx    context.Context
	cancel context.CancelFunc
	hc     *http.Client
}

func New(parent context.Context) *Client {
	ctx, cancel := context.WithCancel(parent)
	return &Client{ctx: ctx, cancel: cancel, hc: &http.Client{}}
}

// Close ends the client's context.
func (c *Client) Close() { c.cancel() }

func (c *Client) fetch(url string) error { // want fetch:`blocks\(http: http.NewRequest\)`
	req, err := http.NewRequest("GET", url, nil) // want `http.NewRequest in \(\*Client\).fetch, where the context c.ctx is at hand, ignores cancellation: use http.NewRequestWithContext`
	if err != nil {
		return err
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

func (c *Client) version() ([]byte, error) { // want version:`blocks\(exec: exec.Command\)`
	return exec.Command("git", "version").Output() // want `exec.Command in \(\*Client\).version, where the context c.ctx is at hand, ignores cancellation: use exec.CommandContext`
}

func (c *Client) backoff() error { // want backoff:`blocks\(sleep: time.Sleep\)`
	time.Sleep(time.Second) // want `time.Sleep in \(\*Client\).backoff, where the context c.ctx is at hand, ignores cancellation: wait on a time.Timer in a select with c.ctx.Done\(\)`
	return nil
}

// fetchCtx is the clean twin: the request carries c.ctx.
func (c *Client) fetchCtx(url string) error {
	req, err := http.NewRequestWithContext(c.ctx, "GET", url, nil)
	if err != nil {
		return err
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// Idle keeps a context that never ends: nothing is at hand.
type Idle struct {
	ctx context.Context
}

func NewIdle() *Idle { return &Idle{ctx: context.Background()} }

func (i *Idle) version() ([]byte, error) { // want version:`blocks\(exec: exec.Command\)`
	return exec.Command("git", "version").Output()
}

// Mixed: its context field is set to a live context in one place and
// to Background in another: it may never end, nothing is at hand.
type Mixed struct {
	ctx context.Context
}

func NewMixed(ctx context.Context) *Mixed { return &Mixed{ctx: ctx} }

func (m *Mixed) reset() { m.ctx = context.TODO() }

func (m *Mixed) version() ([]byte, error) { // want version:`blocks\(exec: exec.Command\)`
	return exec.Command("git", "version").Output()
}

// transport dials with a function that ignores the context it is
// given: the fix names it ctx and dials with it.
func transport(network, addr string) *http.Transport {
	return &http.Transport{
		DialContext: func(_ context.Context, _, _ string) (net.Conn, error) {
			return net.Dial(network, addr) // want `net.Dial in the func literal in transport, which takes a context, ignores cancellation: use \(&net.Dialer\{\}\).DialContext\(ctx, ...\)`
		},
	}
}

// transportOuter: the literal's body already names an outer ctx, which
// the new name would capture: no fix.
func transportOuter(ctx context.Context, network, addr string) *http.Transport {
	return &http.Transport{
		DialContext: func(_ context.Context, _, _ string) (net.Conn, error) {
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			return net.Dial(network, addr) // want `net.Dial in the func literal in transportOuter, which takes a context, ignores cancellation`
		},
	}
}

// Worker sets its context and cancel together, from one call.
type Worker struct {
	ctx    context.Context
	cancel context.CancelFunc
}

func (w *Worker) Start(parent context.Context) {
	w.ctx, w.cancel = context.WithCancel(parent)
}

func (w *Worker) pause() { // want pause:`blocks\(sleep: time.Sleep\)`
	time.Sleep(time.Second) // want `time.Sleep in \(\*Worker\).pause, where the context w.ctx is at hand, ignores cancellation`
}
