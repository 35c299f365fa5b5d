// Package io: a request, query or dial in a goroutine is a finding
// when a context or a quit channel exists that it could honour: on the
// path, in the goroutine, or in the function that starts it.
package io

import (
	"context"
	"database/sql"
	"net/http"
	"time"

	"honour/iohelper"
)

// Detached has no context anywhere: the query has nothing to honour.
func Detached(db *sql.DB) {
	go func() {
		_, _ = db.Exec("vacuum")
	}()
}

// Cron runs forever with nothing that stops it: its sleep is the
// finding, the queries it makes have nothing to honour.
func Cron(db *sql.DB) {
	go func() {
		for {
			time.Sleep(time.Minute) // want `time\.Sleep in the goroutine started in Cron ignores cancellation: wait on a time\.Timer in a select with a quit channel`
			prune(db)
		}
	}()
}

func prune(db *sql.DB) { // want prune:`blocks\(sql: \(\*sql\.DB\)\.Exec\)`
	_, _ = db.Exec("delete from t")
}

// DetachedFetch starts another package's fetch with nothing to honour.
func DetachedFetch(url string) {
	go iohelper.Fetch(url)
	go func() {
		_ = iohelper.Fetch(url)
	}()
}

// Captured: the goroutine's literal has the caller's context at hand.
func Captured(ctx context.Context, db *sql.DB) {
	go func() {
		_, _ = db.Exec("vacuum") // want `\(\*sql\.DB\)\.Exec in the goroutine started in Captured ignores cancellation`
	}()
}

// Handed: the starter has a context it did not hand over.
func Handed(ctx context.Context, url string) {
	go fetch(url)
	go iohelper.Fetch(url) // want `iohelper\.Fetch`
}

func fetch(url string) { // want fetch:`blocks\(http: http\.Get\)`
	resp, err := http.Get(url) // want `http\.Get in the goroutine fetch started in Handed ignores cancellation`
	if err == nil {
		resp.Body.Close()
	}
}

// Quit: the goroutine honours a quit channel that the dial ignores.
func Quit(quit chan struct{}) {
	go func() {
		for {
			select {
			case <-quit:
				return
			case <-time.After(time.Second):
			}
			resp, err := http.Get("http://localhost/") // want `http\.Get in the goroutine started in Quit ignores cancellation`
			if err == nil {
				resp.Body.Close()
			}
		}
	}()
}
