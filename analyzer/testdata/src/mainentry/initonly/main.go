// Command initonly serves HTTP, but its worker is started by init,
// which is no entry point, and the handler written in main is part of
// main: nothing is reported.
package main

import (
	"net/http"
	"time"
)

func cleanup() {
	for {
		time.Sleep(time.Minute)
	}
}

func init() {
	go cleanup()
}

func main() {
	time.Sleep(time.Second)
	http.ListenAndServe(":8080", nil)
}
