// Package p10ratelimit: rate limiters and throttles that ignore the
// context.
package p10ratelimit

import (
	"context"
	"net/http"

	"go.uber.org/ratelimit"
	"golang.org/x/time/rate"
	"k8s.io/client-go/util/flowcontrol"
)

// Controller syncs objects under a client-side rate limit.
type Controller struct {
	limiter flowcontrol.RateLimiter
	queue   chan string
	synced  map[string]bool
}

// syncKey takes a context and waits for a token without it.
func (c *Controller) syncKey(ctx context.Context, key string) error {
	c.limiter.Accept() // want `\(flowcontrol\.RateLimiter\)\.Accept in \(\*Controller\)\.syncKey, which takes a context, ignores cancellation: use Wait\(ctx\)`
	c.synced[key] = true
	return nil
}

// syncKeyWait is the clean twin.
func (c *Controller) syncKeyWait(ctx context.Context, key string) error {
	if err := c.limiter.Wait(ctx); err != nil {
		return err
	}
	c.synced[key] = true
	return nil
}

// Run starts workers that throttle with Accept in a helper.
func (c *Controller) Run(workers int) {
	for i := 0; i < workers; i++ {
		go c.worker()
	}
}

func (c *Controller) worker() { // want worker:`blocks\(sleep: \(flowcontrol\.RateLimiter\)\.Accept via \(\*Controller\)\.processNext\)`
	for c.processNext() {
	}
}

func (c *Controller) processNext() bool { // want processNext:`blocks\(sleep: \(flowcontrol\.RateLimiter\)\.Accept\)`
	key, ok := <-c.queue
	if !ok {
		return false
	}
	if c.limiter.TryAccept() {
		c.synced[key] = true
		return true
	}
	c.limiter.Accept() // want `\(flowcontrol\.RateLimiter\)\.Accept in \(\*Controller\)\.processNext, reached from the goroutine .*started in \(\*Controller\)\.Run,? ignores cancellation`
	c.synced[key] = true
	return true
}

// API serves requests under a leaky bucket.
type API struct {
	rl      ratelimit.Limiter
	limiter *rate.Limiter
}

// ServeHTTP takes from the bucket with no way to give up.
func (a *API) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	a.rl.Take() // want `\(ratelimit\.Limiter\)\.Take in HTTP handler \(\*API\)\.ServeHTTP,? ignores cancellation: use a limiter whose Wait method takes a context, such as golang\.org/x/time/rate`
	w.WriteHeader(http.StatusNoContent)
}

// serveWait is the clean twin: x/time/rate's Wait takes the request's
// context.
func (a *API) serveWait(w http.ResponseWriter, r *http.Request) {
	if err := a.limiter.Wait(r.Context()); err != nil {
		http.Error(w, err.Error(), http.StatusTooManyRequests)
		return
	}
	if !a.limiter.Allow() {
		http.Error(w, "slow down", http.StatusTooManyRequests)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
