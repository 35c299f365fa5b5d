// Package iohelper fetches for its callers in another package.
package iohelper

import "net/http"

// Fetch sends a request that no context can cancel.
func Fetch(url string) error { // want Fetch:`blocks\(http: http\.Get\)`
	resp, err := http.Get(url)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}
