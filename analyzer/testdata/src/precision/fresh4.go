package precision

import "context"

// A reply channel received from a channel of channels: the requester
// waits on it.
type sched struct {
	snapshot chan chan []int
	stop     chan struct{}
	entries  []int
}

func (c *sched) Entries(ctx context.Context) []int {
	r := make(chan []int, 1)
	c.snapshot <- r // want `send on c.snapshot in \(\*sched\).Entries, which takes a context, can block forever`
	return <-r
}

func (c *sched) run() {
	for {
		select {
		case r := <-c.snapshot:
			r <- c.entries
		case <-c.stop:
			return
		}
	}
}

func (c *sched) Start() { go c.run() }
