// Package p03sleep: time.Sleep in retry and poll loops.
package p03sleep

import (
	"context"
	"errors"
	"math/rand"
	"time"
)

var errTransient = errors.New("transient")

// Uploader retries uploads with exponential backoff.
type Uploader struct {
	attempts int
	base     time.Duration
}

func (u *Uploader) try(ctx context.Context, data []byte) error {
	if len(data) == 0 {
		return errTransient
	}
	return ctx.Err()
}

// Upload sleeps between attempts: cancellation waits out every sleep.
func (u *Uploader) Upload(ctx context.Context, data []byte) error {
	var err error
	for i := 0; i < u.attempts; i++ {
		if err = u.try(ctx, data); err == nil {
			return nil
		}
		time.Sleep(u.base << i) // want `time\.Sleep in \(\*Uploader\)\.Upload, which takes a context, ignores cancellation: wait on a time\.Timer in a select with ctx\.Done\(\)`
	}
	return err
}

// UploadJitter sleeps in a same-package helper.
func (u *Uploader) UploadJitter(ctx context.Context, data []byte) error {
	var err error
	for i := 0; i < u.attempts; i++ {
		if err = u.try(ctx, data); err == nil {
			return nil
		}
		u.backoff(i)
	}
	return err
}

func (u *Uploader) backoff(attempt int) { // want backoff:`blocks\(sleep: time\.Sleep\)`
	d := u.base << attempt
	d += time.Duration(rand.Int63n(int64(d) + 1))
	time.Sleep(d) // want `time\.Sleep in \(\*Uploader\)\.backoff, reached from \(\*Uploader\)\.UploadJitter, which takes a context, ignores cancellation: pass a context to \(\*Uploader\)\.backoff`
}

// UploadTimer is the clean twin: the wait ends when ctx is done.
func (u *Uploader) UploadTimer(ctx context.Context, data []byte) error {
	var err error
	for i := 0; i < u.attempts; i++ {
		if err = u.try(ctx, data); err == nil {
			return nil
		}
		t := time.NewTimer(u.base << i)
		select {
		case <-ctx.Done():
			t.Stop()
			return ctx.Err()
		case <-t.C:
		}
	}
	return err
}

// WaitReady polls with <-time.After: the same sleep in another spelling.
func WaitReady(ctx context.Context, ready func() bool) {
	for !ready() {
		<-time.After(100 * time.Millisecond) // want `<-time\.After in WaitReady, which takes a context, ignores cancellation`
	}
}

// WaitReadyOrDone is the clean twin of WaitReady.
func WaitReadyOrDone(ctx context.Context, ready func() bool) error {
	for !ready() {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(100 * time.Millisecond):
		}
	}
	return nil
}
