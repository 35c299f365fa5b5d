// Package svc is the module scripts/golangci-test lints with the
// golangci-lint that has blockcheck built in. Each line the script
// checks carries a comment saying what it expects.
package svc

import (
	"net"
	"net/http"
	"time"
)

// sleepy is an HTTP handler: its time.Sleep is reported.
func sleepy(w http.ResponseWriter, r *http.Request) {
	time.Sleep(time.Second) // want: sleep
	w.WriteHeader(http.StatusOK)
}

// dialer is an HTTP handler, but .golangci.yml disables the net family.
func dialer(w http.ResponseWriter, r *http.Request) {
	c, err := net.Dial("tcp", "example.com:80") // silent: net disabled
	if err != nil {
		return
	}
	c.Close()
}

// quiet is an HTTP handler whose first sleep is suppressed by nolint.
func quiet(w http.ResponseWriter, r *http.Request) {
	time.Sleep(time.Second)     //nolint:blockcheck // silent: nolint
	time.Sleep(2 * time.Second) //nolint:errcheck // want: sleep (nolint for another linter)
}

// twice makes two findings on one line.
func twice(w http.ResponseWriter, r *http.Request) {
	time.Sleep(wait(http.Get("http://example.com/"))) // want: sleep and http on one line
}

func wait(resp *http.Response, err error) time.Duration {
	if err != nil {
		return 0
	}
	resp.Body.Close()
	return time.Second
}

// Routes registers the handlers.
func Routes(mux *http.ServeMux) {
	mux.HandleFunc("/sleepy", sleepy)
	mux.HandleFunc("/dialer", dialer)
	mux.HandleFunc("/quiet", quiet)
	mux.HandleFunc("/twice", twice)
}
