// Package stopchan: a function that takes a stop channel
// (<-chan struct{}) has a way to be cancelled at hand; its own sleeps
// and timer waits that do not wait on it too ignore it.
package stopchan

import (
	"net/http"
	"time"
)

type backoff interface {
	C() <-chan time.Time
}

type reflector struct {
	backoff backoff
	watch   func() error
}

// ListAndWatch backs off with a bare receive from the backoff timer.
func (r *reflector) ListAndWatch(stopCh <-chan struct{}) error { // want ListAndWatch:`blocks\(sleep: receive from timer channel r.backoff.C\(\)\)`
	for {
		select {
		case <-stopCh:
			return nil
		default:
		}
		if err := r.watch(); err != nil {
			<-r.backoff.C() // want `receive from timer channel r.backoff.C\(\) in \(\*reflector\).ListAndWatch, which takes the stop channel stopCh, ignores cancellation: wait in a select on stopCh and a timer`
			continue
		}
	}
}

// ListAndWatchStop backs off in a select with stopCh.
func (r *reflector) ListAndWatchStop(stopCh <-chan struct{}) error {
	for {
		if err := r.watch(); err != nil {
			select {
			case <-r.backoff.C():
			case <-stopCh:
				return nil
			}
		}
	}
}

// poll sleeps between polls.
func poll(stop <-chan struct{}, f func() bool) { // want poll:`blocks\(sleep: time.Sleep\)`
	for !f() {
		time.Sleep(time.Second) // want `time\.Sleep in poll, which takes the stop channel stop, ignores cancellation: wait in a select on stop and a timer`
	}
}

// fetch takes a stop channel, but only sleeps count: its request is no
// finding of this entry kind.
func fetch(stop <-chan struct{}, u string) error { // want fetch:`blocks\(http: http.Get\)`
	resp, err := http.Get(u)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// waitFor takes a send-only channel: no stop channel.
func waitFor(done chan<- struct{}) { // want waitFor:`blocks\(sleep: time.Sleep\)`
	time.Sleep(time.Second)
	close(done)
}
