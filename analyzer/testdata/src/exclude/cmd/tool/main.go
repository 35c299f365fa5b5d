// Command tool is plain CLI code: main, init and what only they reach
// are not entry points.
package main

import (
	"net/http"
	"os/exec"
	"time"
)

func init() {
	go func() {
		time.Sleep(time.Second)
	}()
}

func main() {
	go func() {
		for range time.Tick(time.Second) {
			refresh()
		}
	}()
	refresh()
	_ = exec.Command("true").Run()
}

func refresh() {
	resp, err := http.Get("http://example.com")
	if err == nil {
		resp.Body.Close()
	}
}
