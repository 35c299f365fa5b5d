// Command mainsel blocks forever in main: select {} is how a server's
// main waits. Main itself is not reported; it serves HTTP (from a
// goroutine), so the goroutines it starts are entry points, while the
// one init starts is not.
package main

import (
	"net/http"
	"time"
)

func worker() {
	for {
		time.Sleep(time.Second) // want `time\.Sleep in the goroutine worker started in main of an HTTP server`
	}
}

func serve() {
	http.ListenAndServe(":0", nil)
}

func main() {
	go worker()
	go serve()
	go func() {
		select {}
	}()
	select {}
}

func init() {
	go func() {
		time.Sleep(time.Second)
	}()
}
