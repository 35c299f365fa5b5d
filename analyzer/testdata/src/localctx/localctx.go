// Package localctx: functions that take no context but make or find
// one (ctx := g.Context(), a field, a derived context) have it at hand
// for what they do in its scope.
package localctx

import (
	"context"
	"net/http"
	"os/exec"
	"time"

	"localctx/retry"
)

type Getter struct {
	ctx context.Context
}

func (g *Getter) Context() context.Context { return g.ctx }

// get finds its context through a method.
func (g *Getter) get(u string) error { // want get:`blocks\(http: http.Get\)`
	ctx := g.Context()
	_ = ctx
	resp, err := http.Get(u) // want `http\.Get in \(\*Getter\)\.get, where the context ctx is at hand, ignores cancellation`
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// run takes its context from a field.
func (g *Getter) run() error { // want run:`blocks\(exec: exec.Command\)`
	ctx := g.ctx
	_ = ctx
	return exec.Command("git", "pull").Run() // want `exec\.Command in \(\*Getter\)\.run, where the context ctx is at hand, ignores cancellation`
}

// poll derives a context with a deadline, then sleeps past it.
func poll() { // want poll:`blocks\(sleep: time.Sleep\)`
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	_ = ctx
	time.Sleep(time.Second) // want `time\.Sleep in poll, where the context ctx is at hand, ignores cancellation`
}

// pause reaches a sleep in another package through its fact.
func (g *Getter) pause() { // want pause:`blocks\(sleep: time.Sleep via retry.Pause\)`
	ctx := g.Context()
	_ = ctx
	retry.Pause() // want `retry\.Pause in \(\*Getter\)\.pause, where the context ctx is at hand, blocks in time\.Sleep`
}

// Clean twins.

// background: a context that is never done is nothing to honour.
func background() { // want background:`blocks\(sleep: time.Sleep\)`
	ctx := context.Background()
	_ = ctx
	time.Sleep(time.Second)
}

func todo() { // want todo:`blocks\(sleep: time.Sleep\)`
	ctx := context.TODO()
	_ = ctx
	time.Sleep(time.Second)
}

// before: the sleep comes before the context exists.
func (g *Getter) before() { // want before:`blocks\(sleep: time.Sleep\)`
	time.Sleep(time.Second)
	ctx := g.Context()
	_ = ctx
}

// outside: the context's scope ends before the sleep.
func (g *Getter) outside(fast bool) { // want outside:`blocks\(sleep: time.Sleep\)`
	if fast {
		ctx := g.Context()
		_ = ctx
	}
	time.Sleep(time.Second)
}

// honours: the request carries the context.
func (g *Getter) honours(u string) error {
	ctx := g.Context()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// declared: a context variable with no value yet gives nothing.
func declared() { // want declared:`blocks\(sleep: time.Sleep\)`
	var ctx context.Context
	_ = ctx
	time.Sleep(time.Second)
}

// reassigned: the context is Background until the branch gives it a
// deadline; the sleep before that has nothing to honour, the one
// after has.
func reassigned(grace time.Duration) { // want reassigned:`blocks\(sleep: time.Sleep\)`
	ctx := context.Background()
	time.Sleep(grace)
	var cancel context.CancelFunc
	ctx, cancel = context.WithTimeout(ctx, grace)
	defer cancel()
	_ = ctx
	time.Sleep(grace) // want `time\.Sleep in reassigned, where the context ctx is at hand, ignores cancellation`
}

// Request is a library's own request type: it embeds *http.Request,
// whose context it carries.
type Request struct {
	*http.Request
	retries int
}

// Do waits between attempts with time.Sleep although req carries a
// context.
func Do(req *Request) {
	for i := 0; i < req.retries; i++ {
		time.Sleep(time.Second) // want `time\.Sleep in Do, which takes a context, ignores cancellation`
	}
}

// Plain has a field of type *http.Request, not an embedded one: it is
// no request itself.
type Plain struct {
	req *http.Request
}

func DoPlain(p *Plain) { // want DoPlain:`blocks\(sleep: time.Sleep\)`
	time.Sleep(time.Second)
}
