// Package polls holds system calls that wait for file descriptors:
// with a finite timeout they are polls that return by themselves, with
// none they wait with no end.
package polls

import (
	"context"
	"syscall"
)

// waitReadable waits up to timeout for fd: a bounded poll.
func waitReadable(ctx context.Context, fd int, set *syscall.FdSet) error {
	tv := syscall.Timeval{Sec: 5}
	_, err := syscall.Select(fd+1, set, nil, nil, &tv)
	return err
}

// waitForever has no timeout: it waits until fd is ready.
func waitForever(ctx context.Context, fd int, set *syscall.FdSet) error {
	_, err := syscall.Select(fd+1, set, nil, nil, nil) // want `syscall.Select in waitForever, which takes a context, ignores cancellation`
	return err
}

// pollEvents checks once, waiting at most 100ms.
func pollEvents(ctx context.Context, epfd int, events []syscall.EpollEvent) (int, error) {
	return syscall.EpollWait(epfd, events, 100)
}

// waitEvents waits with no timeout (-1).
func waitEvents(ctx context.Context, epfd int, events []syscall.EpollEvent) (int, error) {
	return syscall.EpollWait(epfd, events, -1) // want `syscall.EpollWait in waitEvents, which takes a context, ignores cancellation`
}

// waitEventsFor waits as long as msec says, which may be -1.
func waitEventsFor(ctx context.Context, epfd int, events []syscall.EpollEvent, msec int) (int, error) {
	return syscall.EpollWait(epfd, events, msec) // want `syscall.EpollWait in waitEventsFor, which takes a context, ignores cancellation`
}
