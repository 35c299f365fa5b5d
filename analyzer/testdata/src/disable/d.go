package disable

import (
	"context"
	"net/http"
	"time"
)

func handler(w http.ResponseWriter, r *http.Request) {
	time.Sleep(time.Second)
	_, _ = http.Get("http://example.com") // want `http.Get in HTTP handler handler`
}

func loop(ctx context.Context, events chan int) {
	for {
		select {
		case <-events:
			time.Sleep(time.Second)
		case <-ctx.Done():
			return
		}
	}
}
