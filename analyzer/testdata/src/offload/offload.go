// Package offload holds blocking calls that no context can cancel,
// made where a context is at hand: the fix waits for them in a
// goroutine.
package offload

import (
	"context"
	"syscall"
)

// Lock waits for a file lock.
func Lock(ctx context.Context, fd int) error {
	err := syscall.Flock(fd, syscall.LOCK_EX) // want `syscall.Flock in Lock, which takes a context, ignores cancellation`
	return err
}

// LockAgain assigns to a variable it declared before.
func LockAgain(ctx context.Context, fd int) (err error) {
	err = syscall.Flock(fd, syscall.LOCK_EX) // want `syscall.Flock in LockAgain, which takes a context, ignores cancellation`
	return err
}

// Pause is a call statement of its own.
func Pause(ctx context.Context) {
	syscall.Pause() // want `syscall.Pause in Pause, which takes a context, ignores cancellation`
}

// Several results, each a new variable: the goroutine sets them.
func Accept(ctx context.Context, fd int) (int, error) {
	nfd, _, err := syscall.Accept(fd) // want `syscall.Accept in Accept, which takes a context, ignores cancellation`
	return nfd, err
}

// Paused is Pause after its fix: the goroutine closes a channel its
// starter waits on with a way out, so the call is awaited: no finding.
func Paused(ctx context.Context) {
	done := make(chan struct{})
	go func() {
		defer close(done)
		syscall.Pause()
	}()
	select {
	case <-done:
	case <-ctx.Done():
	}
}

// AcceptInto assigns results to variables that exist already (here
// the function's named results, which its caller reads): no fix.
func AcceptInto(ctx context.Context, fd int) (nfd int, err error) {
	nfd, _, err = syscall.Accept(fd) // want `syscall.Accept in AcceptInto, which takes a context, ignores cancellation`
	return
}
