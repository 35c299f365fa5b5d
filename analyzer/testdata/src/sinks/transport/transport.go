// Package transport sends the requests and runs the commands it is
// given: its facts say so.
package transport

import (
	"net/http"
	"os/exec"
)

// Send sends req.
func Send(c *http.Client, req *http.Request) (*http.Response, error) { // want Send:"sinks\\(1: request\\)"
	return c.Do(req)
}

// Run runs cmd.
func Run(cmd *exec.Cmd) error { // want Run:"sinks\\(0: command\\)"
	return cmd.Run()
}

// Describe only reads the request.
func Describe(req *http.Request) string {
	return req.Method + " " + req.URL.String()
}
