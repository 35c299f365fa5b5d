// Command ctrlc is a one-shot load generator: it subscribes to
// signals only so that Ctrl-C stops the run early, and a goroutine,
// not main, waits for them. It ends by itself, so the goroutines its
// main starts are no entry points.
package main

import (
	"net/http"
	"os"
	"os/signal"
	"time"
)

type work struct{ stop chan struct{} }

func (w *work) Run() {
	for range 100 {
		select {
		case <-w.stop:
			return
		default:
		}
		resp, err := http.Get("http://localhost:8080/")
		if err == nil {
			resp.Body.Close()
		}
	}
}

func main() {
	w := &work{stop: make(chan struct{})}
	c := make(chan os.Signal, 1)
	signal.Notify(c, os.Interrupt)
	go func() {
		<-c
		close(w.stop)
	}()
	go func() {
		time.Sleep(10 * time.Second)
		close(w.stop)
	}()
	w.Run()
}
