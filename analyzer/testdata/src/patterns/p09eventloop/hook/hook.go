// Package hook delivers webhooks without a context.
package hook

import (
	"bytes"
	"context"
	"net/http"
)

// Deliver posts body to url.
func Deliver(url string, body []byte) error { // want Deliver:`blocks\(http: http\.Post\)`
	resp, err := http.Post(url, "application/json", bytes.NewReader(body))
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// DeliverContext is the clean twin.
func DeliverContext(ctx context.Context, url string, body []byte) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}
