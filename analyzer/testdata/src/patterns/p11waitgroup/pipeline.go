// Package p11waitgroup: sync.WaitGroup misuse.
package p11waitgroup

import (
	"context"
	"sync"
)

// Stage is one step of a pipeline.
type Stage interface {
	Run(ctx context.Context) error
}

// Pipeline runs stages concurrently.
type Pipeline struct {
	stages []Stage
	wg     sync.WaitGroup
	errs   chan error
}

// RunAll adds once, outside the loop, and waits inside it: the first
// Wait waits for goroutines that are not started yet, and the next
// ones return at once.
func (p *Pipeline) RunAll(ctx context.Context) {
	var wg sync.WaitGroup
	wg.Add(len(p.stages))
	for _, st := range p.stages {
		go func() {
			defer wg.Done()
			st.Run(ctx)
		}()
		wg.Wait() // want `wg\.Wait inside the loop that starts the goroutines it waits for hangs or ends early: Add in the loop, and Wait after it`
	}
}

// RunAllFixed is the clean twin: Add in the loop, Wait after it.
func (p *Pipeline) RunAllFixed(ctx context.Context) {
	var wg sync.WaitGroup
	for _, st := range p.stages {
		wg.Add(1)
		go func() {
			defer wg.Done()
			st.Run(ctx)
		}()
	}
	wg.Wait()
}

// RunBatches waits once per batch, having added in the batch: correct.
func (p *Pipeline) RunBatches(ctx context.Context, batches [][]Stage) {
	var wg sync.WaitGroup
	for _, batch := range batches {
		for _, st := range batch {
			wg.Add(1)
			go func() {
				defer wg.Done()
				st.Run(ctx)
			}()
		}
		wg.Wait()
	}
}

// RunGo uses WaitGroup.Go, which adds for you: correct.
func (p *Pipeline) RunGo(ctx context.Context) {
	var wg sync.WaitGroup
	for _, st := range p.stages {
		wg.Go(func() {
			st.Run(ctx)
		})
	}
	wg.Wait()
}
