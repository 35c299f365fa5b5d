// Package ifaces: calls through the package's interfaces, embedded or
// not, are followed into its implementations; each sleep is reported
// once, however many calls reach it.
package ifaces

import (
	"context"
	"net/http"
	"time"
)

type Waiter interface{ Wait() }

type Getter interface{ Get() int }

// Store embeds both interfaces.
type Store interface {
	Waiter
	Getter
	Close() error
}

// ReadStore embeds Store in turn.
type ReadStore interface {
	Store
}

type impl struct{}

func (impl) Wait()        { time.Sleep(time.Second) }           // want Wait:`blocks\(sleep: time\.Sleep\)` `time\.Sleep in \(impl\)\.Wait, reached from HTTP handler handle`
func (impl) Get() int     { time.Sleep(time.Second); return 0 } // want Get:`blocks\(sleep: time\.Sleep\)` `time\.Sleep in \(impl\)\.Get, reached from HTTP handler handle`
func (impl) Close() error { return nil }

var _ ReadStore = impl{}

// wrapped embeds an interface in a struct: its promoted methods are
// interface calls too.
type wrapped struct{ Store }

func handle(w http.ResponseWriter, r *http.Request) {
	var s Store = impl{}
	s.Wait()
	_ = s.Get()
	var rs ReadStore = impl{}
	rs.Wait()
	var x wrapped
	x.Store = impl{}
	x.Wait()
	_ = x.Get()
	var wt Waiter = s
	wt.Wait()
	f := s.Wait
	f()
}

func serve(ctx context.Context, s ReadStore) {
	defer s.Close()
	go s.Wait()
	var wt Waiter = s
	wt.Wait()
}
