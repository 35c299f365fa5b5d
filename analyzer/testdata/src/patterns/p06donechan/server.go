package p06donechan

import (
	"context"
	"net/http"
)

type request struct {
	path   string
	doneCh chan struct{}
	resp   []byte
}

// Server hands requests to a single dispatcher.
type Server struct {
	reqs        chan *request
	workersDone chan struct{}
	flushed     chan bool
}

// ServeHTTP queues the request and waits for the dispatcher with no way
// out: a dispatcher that drops the request hangs the handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	req := &request{path: r.URL.Path, doneCh: make(chan struct{})}
	s.reqs <- req // want `send on s\.reqs in HTTP handler \(\*Server\)\.ServeHTTP can block forever`
	<-req.doneCh  // want `receive from req\.doneCh in HTTP handler \(\*Server\)\.ServeHTTP can block forever`
	w.Write(req.resp)
}

// serveCtx is the clean twin, with a context.
func (s *Server) serveCtx(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	req := &request{path: r.URL.Path, doneCh: make(chan struct{})}
	select {
	case s.reqs <- req:
	case <-ctx.Done():
		return
	}
	select {
	case <-req.doneCh:
		w.Write(req.resp)
	case <-ctx.Done():
	}
}

// Shutdown waits for the workers in a helper with no context.
func (s *Server) Shutdown(ctx context.Context) error {
	s.waitWorkers()
	return nil
}

func (s *Server) waitWorkers() { // want waitWorkers:`blocks\(chanaudit: receive from s\.workersDone\)`
	<-s.workersDone // want `receive from s\.workersDone in \(\*Server\)\.waitWorkers, reached from \(\*Server\)\.Shutdown, which takes a context, can block forever: pass a context to \(\*Server\)\.waitWorkers`
}

// Flush receives with v, ok := <-ch, which handles a close: doc.go
// does not count it.
func (s *Server) Flush(ctx context.Context) bool {
	v, ok := <-s.flushed
	return v && ok
}

// Run starts work and waits for it on a channel it made itself: its
// own goroutine is on the other side, and defer close makes sure the
// wait ends.
func (s *Server) Run(ctx context.Context, work func(context.Context)) {
	done := make(chan struct{})
	go func() {
		defer close(done)
		work(ctx)
	}()
	<-done
}
