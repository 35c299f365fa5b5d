// Package repeat holds findings with the same text, which golangci-lint
// hides past the third unless issues.max-same-issues is 0.
package repeat

import (
	"net/http"
	"time"
)

// Sleepy is an HTTP handler: every time.Sleep in it is reported, with
// the same message.
func Sleepy(w http.ResponseWriter, r *http.Request) {
	time.Sleep(time.Second) // want: sleep
	time.Sleep(time.Second) // want: sleep, same text
	time.Sleep(time.Second) // want: sleep, same text
	time.Sleep(time.Second) // want: sleep, same text (hidden by default)
	w.WriteHeader(http.StatusOK)
}
