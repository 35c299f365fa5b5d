// Package p09eventloop: a blocking call in a case of a for-select loop
// stalls every other case, the quit case included.
package p09eventloop

import (
	"bytes"
	"context"
	"database/sql"
	"net/http"
	"time"

	"patterns/p09eventloop/hook"
)

type event struct {
	id   int
	body []byte
}

// Syncer forwards events.
type Syncer struct {
	db     *sql.DB
	hook   string
	events chan event
	acks   chan int
	out    chan event
	quit   chan struct{}
}

// run is the event loop: each case below blocks the loop.
func (s *Syncer) run(ctx context.Context) {
	for {
		select {
		case <-ctx.Done():
			return
		case ev := <-s.events:
			resp, err := http.Post(s.hook, "application/json", bytes.NewReader(ev.body)) // want `http\.Post in a case of the event loop in \(\*Syncer\)\.run stalls every other case, the quit case included`
			if err == nil {
				resp.Body.Close()
			}
		case id := <-s.acks:
			s.persist(id)
		}
	}
}

func (s *Syncer) persist(id int) { // want persist:`blocks\(sql: \(\*sql\.DB\)\.Exec\)`
	s.db.Exec("UPDATE events SET acked = 1 WHERE id = ?", id) // want `\(\*sql\.DB\)\.Exec in \(\*Syncer\)\.persist in a case of the event loop in \(\*Syncer\)\.run stalls every other case`
}

// Start runs a loop in a goroutine; its cases call another package,
// and hand events on with a plain send.
func (s *Syncer) Start() {
	go func() {
		for {
			select {
			case <-s.quit:
				return
			case ev := <-s.events:
				hook.Deliver(s.hook, ev.body) // want `call to hook\.Deliver blocks in http\.Post and stalls every other case`
				s.out <- ev                   // want `send on s\.out in a case of the event loop in \(\*Syncer\)\.Start stalls every other case`
			}
		}
	}()
}

// StartTicker sleeps in a case of a loop driven by a ticker.
func (s *Syncer) StartTicker(every time.Duration) {
	t := time.NewTicker(every)
	go func() {
		defer t.Stop()
		for {
			select {
			case <-s.quit:
				return
			case <-t.C:
				time.Sleep(every / 2) // want `time\.Sleep in a case of the event loop in \(\*Syncer\)\.StartTicker stalls every other case`
			}
		}
	}()
}
