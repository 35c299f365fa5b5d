// Package tick is a sample for the SARIF converter's tests.
package tick

import (
	"context"
	"time"
)

// Poll waits between attempts.
func Poll(ctx context.Context, try func() bool) {
	for !try() {
		time.Sleep(time.Second)
	}
}

// Push hands a value to a worker.
func Push(ctx context.Context, ch chan<- string, v string) {
	ch <- "«" + v + "»"
}

func Quiet(ctx context.Context) {
	time.Sleep(time.Millisecond) //blockcheck:ignore
}
