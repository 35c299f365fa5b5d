// Package witnessfix holds the channel findings whose fix follows the
// witness.
package witnessfix

import "context"

func compute() int { return 1 }
func use(int)      {}

// Result: one send, abandoned on ctx: a buffer of one.
func Result(ctx context.Context) int {
	ch := make(chan int)
	go func() {
		ch <- compute() // want `send on ch blocks forever once Result takes the <-ctx.Done\(\) case`
	}()
	select {
	case v := <-ch:
		return v
	case <-ctx.Done():
		return 0
	}
}

// Feed never closes ch: the goroutine's range ends once Feed returns.
func Feed(items []int) {
	ch := make(chan int)
	go func() {
		for v := range ch { // want `range over ch never ends once Feed returns`
			use(v)
		}
	}()
	for _, it := range items {
		ch <- it
	}
}

// FeedSometimes closes ch on one path only: closing it in a defer too
// would close it twice, so there is no fix.
func FeedSometimes(items []int) {
	ch := make(chan int)
	go func() {
		for v := range ch { // want `range over ch never ends once FeedSometimes returns`
			use(v)
		}
	}()
	for _, it := range items {
		if it < 0 {
			return
		}
		ch <- it
	}
	close(ch)
}

// FeedEach makes its channel in a loop: a defer would wait for the
// function, so there is no fix.
func FeedEach(batches [][]int) {
	for _, items := range batches {
		ch := make(chan int)
		go func() {
			for v := range ch { // want `range over ch never ends once FeedEach returns`
				use(v)
			}
		}()
		for _, it := range items {
			ch <- it
		}
	}
}

// conn's loop returns on quit; Send gets a case on it.
type conn struct {
	reqs chan int
	quit chan struct{}
}

func newConn() *conn {
	c := &conn{reqs: make(chan int), quit: make(chan struct{})}
	go c.loop()
	return c
}

func (c *conn) loop() {
	for {
		select {
		case r := <-c.reqs:
			use(r)
		case <-c.quit:
			return
		}
	}
}

func (c *conn) Send(v int) {
	c.reqs <- v // want `send on c.reqs blocks forever once the loop in \(\*conn\).loop takes the <-c.quit case`
}

// poller's loop stops on a signal, and also when a poll fails.
type poller struct {
	stop chan struct{}
	poll func() error
}

func newPoller(poll func() error) *poller {
	p := &poller{stop: make(chan struct{}), poll: poll}
	go p.loop()
	return p
}

func (p *poller) loop() {
	for {
		select {
		case <-p.stop:
			return
		default:
		}
		if err := p.poll(); err != nil {
			return
		}
	}
}

// Stop signals by a send, which waits forever once the loop has left
// on an error: closing the channel reaches the loop, or nobody.
func (p *poller) Stop() {
	p.stop <- struct{}{} // want `send on p.stop blocks forever once the loop in \(\*poller\).loop has returned \(witnessfix.go:\d+\): close p.stop instead, which reaches the loop or nobody`
}

// Progress sends up to three updates into a buffer of one and can be
// left on ctx: the buffer grows to take all three.
func Progress(ctx context.Context) int {
	ch := make(chan int, 1)
	go func() {
		ch <- 1 // want `send on ch blocks forever once Progress takes the <-ctx.Done\(\) case .*as in make\(chan int, 3\)`
		ch <- 2
		ch <- 3
	}()
	select {
	case v := <-ch:
		return v
	case <-ctx.Done():
		return 0
	}
}
