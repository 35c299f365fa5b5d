package thread

import (
	"net"
	"time"
)

func wait(n int) error { // want wait:"blocks\\(sleep: time.Sleep via pause\\)"
	for range n {
		pause()
	}
	return nil
}

func pause() { // want pause:"blocks\\(sleep: time.Sleep\\)"
	time.Sleep(time.Second) // want `time.Sleep in pause, reached from Handle, which takes a context, ignores cancellation: pass a context to pause and wait on a time.Timer in a select with ctx.Done\(\)`
}

// Probe is exported: callers elsewhere keep calling it as it is.
func Probe(addr string) error { // want Probe:"blocks\\(net: net.Dial\\)"
	conn, err := net.Dial("tcp", addr) // want `net.Dial in Probe, reached from HTTP handler Serve`
	if err != nil {
		return err
	}
	return conn.Close()
}

// later calls pause with no context of its own.
func later() { pause() } // want later:"blocks\\(sleep: time.Sleep via pause\\)"

func retry() { // want retry:"blocks\\(sleep: time.Sleep\\)"
	time.Sleep(time.Second) // want `time.Sleep in retry, reached from Hook`
}

func tock() { // want tock:"blocks\\(sleep: time.Sleep\\)"
	ctx := 1
	_ = ctx
	time.Sleep(time.Second) // want `time.Sleep in tock, reached from Tick`
}

// migrate waits twice: one fix threads the context and rewrites both,
// offered identically at each.
func migrate() { // want migrate:"blocks\\(sleep: time.Sleep\\)"
	time.Sleep(time.Second)     // want `time.Sleep in migrate, reached from Migrate, which takes a context, ignores cancellation`
	time.Sleep(2 * time.Second) // want `time.Sleep in migrate, reached from Migrate, which takes a context, ignores cancellation`
}
