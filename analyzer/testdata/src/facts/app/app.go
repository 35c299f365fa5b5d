// Package app is downstream: its entry points reach blocking code two
// packages away.
package app

import (
	"context"
	"net/http"

	"facts/service"
	"facts/store"
)

func handle(w http.ResponseWriter, r *http.Request) {
	service.Process() // want `call to service.Process in HTTP handler handle blocks in time.Sleep, which ignores cancellation: give service.Process a context`
	service.Quick()
	store.Load(r.Context())
}

func lookup(ctx context.Context, db *store.DB) int {
	return service.Lookup(db) // want `call to service.Lookup in lookup, which takes a context, blocks in receive from d.ch, which can block forever`
}

func start(db *store.DB) {
	go store.Poll(db.Ready) // want `the goroutine started in start runs store.Poll, which blocks in time.Sleep and cannot be cancelled`
	// A single pause in a goroutine nothing could stop: no finding.
	go store.Save(1)
	go func() {
		// A goroutine with no context at hand: a channel wait is how
		// goroutines talk, not a finding.
		service.Lookup(db)
	}()
}

func recursive(ctx context.Context) {
	store.Ping(3) // want `call to store.Ping in recursive, which takes a context, blocks in time.Sleep`
}
