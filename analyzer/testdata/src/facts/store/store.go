// Package store is the upstream package: its blocking helpers export
// facts that callers in other packages inherit.
package store

import (
	"context"
	"time"
)

// Save sleeps: callers inherit the blocking.
func Save(n int) { // want Save:"blocks\\(sleep: time.Sleep\\)"
	time.Sleep(time.Duration(n))
}

// Poll sleeps in a loop until ready says so: an open loop.
func Poll(ready func() bool) { // want Poll:"blocks\\(sleep: time.Sleep\\)"
	for !ready() {
		time.Sleep(time.Millisecond)
	}
}

// Load takes a context: it is judged in this package, not by callers.
func Load(ctx context.Context) {
	time.Sleep(time.Second) // want `time.Sleep in Load, which takes a context, ignores cancellation`
}

// Fine blocks nothing.
func Fine() int { return 1 }

// DB waits on a channel through an unexported method.
type DB struct{ ch chan int }

// Ready reports whether the store is loaded.
func (d *DB) Ready() bool { return len(d.ch) > 0 }

func (d *DB) Get() int { // want Get:"blocks\\(chanaudit: receive from d.ch via \\(\\*DB\\).wait\\)"
	return d.wait()
}

func (d *DB) wait() int { // want wait:"blocks\\(chanaudit: receive from d.ch\\)"
	return <-d.ch
}

// Ping and Pong call each other: the summary ends and both block.
func Ping(n int) { // want Ping:"blocks\\(sleep: time.Sleep via Pong\\)"
	if n > 0 {
		Pong(n - 1)
	}
}

func Pong(n int) { // want Pong:"blocks\\(sleep: time.Sleep\\)"
	Ping(n)
	time.Sleep(time.Millisecond)
}
