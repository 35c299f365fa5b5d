// Command mainsel blocks forever in main: select {} is how a server's
// main waits, and code reached only from main is not reported.
package main

import (
	"net/http"
	"time"
)

func worker() {
	for {
		time.Sleep(time.Second)
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
