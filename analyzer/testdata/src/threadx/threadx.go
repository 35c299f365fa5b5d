// Package threadx calls another package's blocking functions with a
// context at hand; the fix calls the Context twin where there is one.
package threadx

import (
	"context"

	"threadx/store"
)

func Status(ctx context.Context) {
	store.Usage("/") // want `call to store.Usage in Status, which takes a context, blocks in exec.Command, which ignores cancellation: call its twin UsageContext with ctx`
	store.Size("/")  // want `call to store.Size in Status, which takes a context, blocks in exec.Command, which ignores cancellation: give store.Size a context`
	store.Count("/") // want `call to store.Count in Status`
}
