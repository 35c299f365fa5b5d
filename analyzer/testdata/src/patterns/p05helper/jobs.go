package p05helper

import (
	"context"

	"patterns/p05helper/backoff"
	"patterns/p05helper/store"
)

// Janitor runs maintenance in the background.
type Janitor struct {
	dir  string
	lock string
}

// Start runs another package's blocking function as a goroutine.
func (j *Janitor) Start() {
	go store.Compact(j.dir) // want `the goroutine started in \(\*Janitor\)\.Start runs store\.Compact, which blocks in time\.Sleep and cannot be cancelled`
}

// Run reaches the other packages through a same-package helper.
func (j *Janitor) Run(ctx context.Context) error {
	for ctx.Err() == nil {
		if err := j.once(); err != nil {
			return err
		}
	}
	return ctx.Err()
}

func (j *Janitor) once() error { // want once:`blocks\(sleep: time\.Sleep via backoff\.Pause; syscall: syscall\.Flock via store\.Lock\)`
	f, err := store.Lock(j.lock) // want `call to store\.Lock .*blocks in syscall\.Flock`
	if err != nil {
		return err
	}
	defer f.Close()
	backoff.Pause(1) // want `call to backoff\.Pause .*blocks in time\.Sleep`
	return nil
}
