// Package backoff sleeps between attempts, with no context.
package backoff

import "time"

// Pause sleeps for the attempt's backoff.
func Pause(attempt int) { // want Pause:`blocks\(sleep: time\.Sleep\)`
	time.Sleep(time.Duration(attempt) * 100 * time.Millisecond)
}

// Delay only computes the backoff: it does not block.
func Delay(attempt int) time.Duration {
	return time.Duration(attempt) * 100 * time.Millisecond
}
