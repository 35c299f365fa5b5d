// Command served serves HTTP from a goroutine and blocks in main
// forever: it is a server all the same.
package main

import (
	"log"
	"net/http"
	"time"
)

func refresh() {
	for {
		time.Sleep(time.Minute) // want `time\.Sleep in the goroutine refresh started in main of an HTTP server`
	}
}

func main() {
	go refresh()
	go func() {
		log.Fatal(http.ListenAndServe(":8080", nil))
	}()
	select {}
}
