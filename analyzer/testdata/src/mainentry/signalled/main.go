// Command signalled runs until it is signalled, which a function main
// calls waits for: its workers are entry points.
package main

import (
	"context"
	"os"
	"os/exec"
	"os/signal"
	"sync"
	"time"
)

func poll() {
	for {
		_ = exec.Command("sync").Run() // no context to honour: the sleep is the finding
		time.Sleep(time.Second)        // want `time\.Sleep in the WaitGroup goroutine started in main of a program that runs until it is signalled`
	}
}

// watch honours its context: no finding.
func watch(ctx context.Context) {
	t := time.NewTicker(time.Second)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

func wait() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	<-ctx.Done()
}

func main() {
	var wg sync.WaitGroup
	wg.Go(poll)
	go watch(context.Background())
	wait()
}
