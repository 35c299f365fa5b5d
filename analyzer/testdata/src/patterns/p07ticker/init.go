package p07ticker

import (
	"sync/atomic"
	"time"
)

var uptime atomic.Int64

// init starts a process-lifetime ticker: what is written in init is
// never an entry point.
func init() {
	go func() {
		for range time.Tick(time.Second) {
			uptime.Add(1)
		}
	}()
}
