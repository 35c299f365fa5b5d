// Package transport sends the requests and runs the commands it is
// given: its facts say so.
package transport

import (
	"context"
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

// SendContext gives req a context of its own before it sends it: the
// request it sends is not the one it was passed.
func SendContext(ctx context.Context, c *http.Client, req *http.Request) (*http.Response, error) {
	req = req.WithContext(ctx)
	return c.Do(req)
}

// SendMaybe sends req as it is only when it has no context to give it.
func SendMaybe(ctx context.Context, c *http.Client, req *http.Request) (*http.Response, error) {
	if ctx == nil {
		return c.Do(req)
	}
	return c.Do(req.WithContext(ctx))
}
