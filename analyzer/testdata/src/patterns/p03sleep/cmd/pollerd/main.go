// Command pollerd polls from main: code reached only from main is not
// reported.
package main

import (
	"net/http"
	"time"
)

var url = "http://localhost:8080/healthz"

func init() {
	time.Sleep(10 * time.Millisecond)
}

func main() {
	go func() {
		for range time.Tick(time.Minute) {
			poll()
		}
	}()
	for {
		poll()
		time.Sleep(5 * time.Second)
	}
}

func poll() {
	resp, err := http.Get(url)
	if err == nil {
		resp.Body.Close()
	}
}
