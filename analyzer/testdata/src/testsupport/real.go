// Package testsupport is ordinary code beside a test-support package
// and a test-support file.
package testsupport

import (
	"context"
	"time"
)

// Wait sleeps although a context is at hand.
func Wait(ctx context.Context) {
	time.Sleep(time.Second) // want `time\.Sleep in Wait, which takes a context, ignores cancellation`
}
