package p07ticker

import (
	"context"
	"sync"
)

// Job is a unit of work.
type Job struct{ ID int }

// Pool runs workers that range over a job channel its owner closes:
// the worker-pool idiom, which ends when the channel is closed.
type Pool struct {
	jobs    chan Job
	results chan int
	wg      sync.WaitGroup
}

// Start starts n workers.
func (p *Pool) Start(n int) {
	for i := 0; i < n; i++ {
		p.wg.Add(1)
		go p.worker()
	}
}

func (p *Pool) worker() {
	defer p.wg.Done()
	for job := range p.jobs {
		select {
		case p.results <- job.ID:
		default:
		}
	}
}

// Process fans jobs out to workers with a context at hand.
func (p *Pool) Process(ctx context.Context, jobs []Job) {
	ch := make(chan Job)
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for job := range ch {
				_ = job
			}
		}()
	}
	for _, j := range jobs {
		select {
		case ch <- j:
		case <-ctx.Done():
		}
	}
	close(ch)
	wg.Wait()
}

// Close closes the job channel: the workers end.
func (p *Pool) Close() {
	close(p.jobs)
	p.wg.Wait()
}
