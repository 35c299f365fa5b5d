// Package offload holds blocking calls that no context can cancel,
// made where a context is at hand: the fix waits for them in a
// goroutine.
package offload

import (
	"context"
	"syscall"
	"time"
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
// the function's named results, which its caller reads): the goroutine
// sets copies, and the results are assigned once the call returned.
func AcceptInto(ctx context.Context, fd int) (nfd int, err error) {
	nfd, _, err = syscall.Accept(fd) // want `syscall.Accept in AcceptInto, which takes a context, ignores cancellation`
	return
}

// Conn keeps a descriptor in a field.
type Conn struct {
	fd  int
	err error
}

// Accept assigns the results to fields, and one to a variable the
// statement defines.
func (c *Conn) Accept(ctx context.Context, fd int) error {
	c.fd, _, c.err = syscall.Accept(fd) // want `syscall.Accept in \(\*Conn\)\.Accept, which takes a context, ignores cancellation`
	if c.err != nil {
		return c.err
	}
	var err error
	n, _, err := syscall.Accept(c.fd) // want `syscall.Accept in \(\*Conn\)\.Accept, which takes a context, ignores cancellation`
	_ = n
	return err
}

// Share's call is an if statement's initialiser: it moves before the
// if, whose err is the only one in the function.
func Share(ctx context.Context, fd int) error {
	if err := syscall.Flock(fd, syscall.LOCK_SH); err != nil { // want `syscall.Flock in Share, which takes a context, ignores cancellation`
		return err
	}
	return nil
}

// ShareTwice's second initialiser would shadow the err that the
// return after the if reads: no fix for it.
func ShareTwice(ctx context.Context, fd int) error {
	err := syscall.Flock(fd, syscall.LOCK_SH)                  // want `syscall.Flock in ShareTwice, which takes a context, ignores cancellation`
	if err := syscall.Flock(fd, syscall.LOCK_SH); err != nil { // want `syscall.Flock in ShareTwice, which takes a context, ignores cancellation`
		return err
	}
	return err
}

// ShareNamed's initialiser defines a name that is also a result,
// which a bare return would find shadowed: no fix.
func ShareNamed(ctx context.Context, fd int) (err error) {
	if err := syscall.Flock(fd, syscall.LOCK_SH); err != nil { // want `syscall.Flock in ShareNamed, which takes a context, ignores cancellation`
		return err
	}
	return
}

// ShareElse's call initialises an if in an else branch: no fix.
func ShareElse(ctx context.Context, fd int, ok bool) error {
	if ok {
		return nil
	} else if err := syscall.Flock(fd, syscall.LOCK_SH); err != nil { // want `syscall.Flock in ShareElse, which takes a context, ignores cancellation`
		return err
	}
	return nil
}

// Retry jumps back to a label outside the call's block: no variable
// the fix declares comes into scope by the jump.
func Retry(ctx context.Context, fd int) error {
	tries := 0
again:
	tries++
	if tries < 3 {
		err := syscall.Flock(fd, syscall.LOCK_EX) // want `syscall.Flock in Retry, which takes a context, ignores cancellation`
		if err == nil {
			return nil
		}
		goto again
	}
	return syscall.EAGAIN
}

// Skip's goto jumps forward over the call to a label in its block: a
// variable the fix declared there would be jumped over. No fix.
func Skip(ctx context.Context, skip bool) {
	if skip {
		goto out
	}
	syscall.Pause() // want `syscall.Pause in Skip, which takes a context, ignores cancellation`
out:
	syscall.Sync()
}

// Relock returns what the call returns: the select's case returns it.
func Relock(ctx context.Context, fd int) error {
	return syscall.Flock(fd, syscall.LOCK_EX) // want `syscall.Flock in Relock, which takes a context, ignores cancellation`
}

// Locked returns the call's value beside a constant.
func Locked(ctx context.Context, fd int) (bool, error) {
	return true, syscall.Flock(fd, syscall.LOCK_EX) // want `syscall.Flock in Locked, which takes a context, ignores cancellation`
}

// LockedBy returns the call's value beside another call: the order of
// the two calls would change. No fix.
func LockedBy(ctx context.Context, fd int, owner func() int) (int, error) {
	return owner(), syscall.Flock(fd, syscall.LOCK_EX) // want `syscall.Flock in LockedBy, which takes a context, ignores cancellation`
}

// LockTimed cancels its timeout context by hand on each return: a
// return the fix added would leave it uncancelled (go vet's lostcancel).
// No fix.
func LockTimed(ctx context.Context, fd int) error {
	ctx, cancel := context.WithTimeout(ctx, time.Second)
	if err := syscall.Flock(fd, syscall.LOCK_EX); err != nil { // want `syscall.Flock in LockTimed, which takes a context, ignores cancellation`
		cancel()
		return err
	}
	cancel()
	return ctx.Err()
}

// LockDeferred defers its cancel: every return calls it.
func LockDeferred(ctx context.Context, fd int) error {
	ctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	return syscall.Flock(fd, syscall.LOCK_EX) // want `syscall.Flock in LockDeferred, which takes a context, ignores cancellation`
}

// SleepTimed's sleep fix would return before the cancel too: no fix.
func SleepTimed(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, time.Second)
	time.Sleep(time.Millisecond) // want `time.Sleep in SleepTimed, which takes a context, ignores cancellation`
	err := ctx.Err()
	cancel()
	return err
}

// Release and TryLock cannot wait: an unlock, and a lock that fails
// rather than waits. No finding.
func Release(ctx context.Context, fd int) error {
	return syscall.Flock(fd, syscall.LOCK_UN)
}

func TryLock(ctx context.Context, fd int) error {
	return syscall.Flock(fd, syscall.LOCK_EX|syscall.LOCK_NB)
}
