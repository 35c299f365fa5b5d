package thread

import (
	"context"
	"net/http"
	"time"
)

// credentials is handed a context it does not name: the fix names it
// ctx and passes it to refresh.
func credentials(context.Context) error {
	return refresh()
}

func refresh() error { // want refresh:`blocks\(http: http\.NewRequest\)`
	req, err := http.NewRequest("GET", "http://localhost/token", nil) // want `http\.NewRequest in refresh, reached from credentials, which takes a context, ignores cancellation`
	if err != nil {
		return err
	}
	_, err = http.DefaultClient.Do(req)
	return err
}

// backoff's parameters are all unnamed: the context becomes ctx and
// the others _.
func backoff(context.Context, int) {
	time.Sleep(time.Second) // want `time\.Sleep in backoff, which takes a context, ignores cancellation`
}

// blank names its context _: it becomes ctx.
func blank(_ context.Context) {
	nap()
}

func nap() { // want nap:`blocks\(sleep: time\.Sleep\)`
	time.Sleep(time.Second) // want `time\.Sleep in nap, reached from blank, which takes a context, ignores cancellation`
}

// taken already has a ctx of another kind in its body: no fix.
func taken(context.Context) {
	ctx := 1
	_ = ctx
	time.Sleep(time.Second) // want `time\.Sleep in taken, which takes a context, ignores cancellation`
}
