// Package p07ticker: goroutines that range over a ticker, which never
// ends.
package p07ticker

import (
	"context"
	"sync/atomic"
	"time"
)

// Monitor collects metrics on a ticker.
type Monitor struct {
	every   time.Duration
	done    chan struct{}
	samples atomic.Int64
}

func (m *Monitor) collect() { m.samples.Add(1) }

// Start runs the collector as a goroutine that can never stop.
func (m *Monitor) Start() {
	go m.loop()
}

func (m *Monitor) loop() { // want loop:`blocks\(sleep: range over t\.C\)`
	t := time.NewTicker(m.every)
	defer t.Stop()
	for range t.C { // want `range over t\.C in the goroutine .*started in \(\*Monitor\)\.Start,? ignores cancellation: a ticker.s channel is never closed, so loop on a select over it and a done channel`
		m.collect()
	}
}

// StartTick uses time.Tick in a goroutine literal.
func (m *Monitor) StartTick() {
	go func() {
		for range time.Tick(time.Minute) { // want `range over time\.Tick\(time\.Minute\) in`
			m.collect()
		}
	}()
}

// Watch ranges over a ticker in a function with a context.
func (m *Monitor) Watch(ctx context.Context) {
	ticker := time.NewTicker(m.every)
	defer ticker.Stop()
	for now := range ticker.C { // want `range over ticker\.C in \(\*Monitor\)\.Watch, which takes a context`
		_ = now
		m.collect()
	}
}

// StartDone is the clean twin: the loop selects on done and the ticker.
func (m *Monitor) StartDone() {
	go func() {
		t := time.NewTicker(m.every)
		defer t.Stop()
		for {
			select {
			case <-m.done:
				return
			case <-t.C:
				m.collect()
			}
		}
	}()
}

// WatchCtx is the clean twin with a context.
func (m *Monitor) WatchCtx(ctx context.Context) {
	t := time.NewTicker(m.every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			m.collect()
		}
	}
}
