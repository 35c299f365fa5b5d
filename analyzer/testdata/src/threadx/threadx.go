// Package threadx calls another package's blocking functions with a
// context at hand; the fix calls the Context twin where there is one,
// and otherwise waits for the call in a goroutine.
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

// Clean keeps the one result of a call that has no twin.
func Clean(ctx context.Context) error {
	err := store.Wipe("/") // want `call to store.Wipe in Clean, which takes a context, blocks in exec.Command, which ignores cancellation: give store.Wipe a context and use exec.CommandContext, or at least wait for it in a goroutine and stop waiting when ctx is done \(the suggested fix; the call keeps running\)`
	return err
}

// Report keeps both results of a call that has no twin.
func Report(ctx context.Context) (string, error) {
	out, err := store.Stat("/tmp") // want `call to store.Stat in Report, which takes a context, blocks in exec.Command, which ignores cancellation: give store.Stat a context and use exec.CommandContext, or at least wait for it in a goroutine`
	return out, err
}
