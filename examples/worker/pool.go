// Package worker runs the shop's background work: a pool of workers
// for queued jobs, and the notifier that posts order events to the
// merchant's webhook.
package worker

import (
	"context"
	"log"
	"sync"
)

// A Job is one unit of background work on an order.
type Job struct {
	Kind    string // "confirm" or "cancel"
	OrderID string
}

// Pool runs queued jobs on a fixed number of workers.
type Pool struct {
	jobs    chan Job
	workers int
	handle  func(context.Context, Job) error
}

// NewPool returns a pool of n workers with room for queue waiting jobs.
func NewPool(n, queue int, handle func(context.Context, Job) error) *Pool {
	return &Pool{jobs: make(chan Job, queue), workers: n, handle: handle}
}

// Run starts the workers and returns once Close has been called and
// every queued job has been handled.
func (p *Pool) Run(ctx context.Context) {
	var wg sync.WaitGroup
	for range p.workers {
		wg.Go(func() {
			for job := range p.jobs {
				if err := p.handle(ctx, job); err != nil {
					log.Printf("worker: %s order %s: %v", job.Kind, job.OrderID, err)
				}
			}
		})
	}
	wg.Wait()
}

// Submit queues job, waiting for room for as long as ctx allows.
func (p *Pool) Submit(ctx context.Context, job Job) error {
	select {
	case p.jobs <- job:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Enqueue queues job, waiting for room.
func (p *Pool) Enqueue(job Job) { // want Enqueue:`blocks\(chanaudit: send on p.jobs\)`
	p.jobs <- job
}

// Close stops the pool once the queued jobs are done.
func (p *Pool) Close() { close(p.jobs) }
