// Command ignored serves HTTP, and an ignore in main's doc comment
// silences what the goroutines main starts reach.
package main

import (
	"net/http"
	"time"
)

func refresh() {
	for {
		time.Sleep(time.Minute)
	}
}

// main starts demonstration loops that live as long as the process.
//
//blockcheck:ignore the refresh loop runs for the life of the process on purpose
func main() {
	go refresh()
	http.ListenAndServe(":8080", nil)
}
