package p06donechan

import "context"

// watcher exposes its done channel through a method, as many types do.
type watcher struct{ done chan struct{} }

// Done is closed when the watcher has stopped.
func (w *watcher) Done() <-chan struct{} { return w.done }

// Cancel asks the watcher to stop.
func (w *watcher) Cancel() { close(w.done) }

// Registry owns a watcher.
type Registry struct{ w *watcher }

// Deregister waits for the watcher to stop, with no way out: a watcher
// stuck elsewhere hangs the caller.
func (r *Registry) Deregister(ctx context.Context) {
	r.w.Cancel()
	<-r.w.Done() // want `receive from r\.w\.Done\(\) in \(\*Registry\)\.Deregister, which takes a context, can block forever`
}

// DeregisterCtx is the clean twin.
func (r *Registry) DeregisterCtx(ctx context.Context) error {
	r.w.Cancel()
	select {
	case <-r.w.Done():
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
