package precision

import (
	"context"
	"net"
	"os/exec"
	"sync"
	"time"
)

// A unix socket connects or fails at once.
func dialAgent(ctx context.Context, path string) (net.Conn, error) {
	return net.Dial("unix", path)
}

// A UDP dial sends nothing.
func dialStatsd(ctx context.Context, addr string) (net.Conn, error) {
	return net.Dial("udp", addr)
}

// A TCP peer may never answer.
func dialPeer(ctx context.Context, addr string) (net.Conn, error) {
	return net.Dial("tcp", addr) // want `net.Dial in dialPeer`
}

// A channel named stop that carries a result: the goroutine reports
// what interrupting returned, and its receiver waits for that.
type stub struct{ running chan struct{} }

func (s *stub) interrupt() bool { return true }

func removeToxic(ctx context.Context, prev *stub) {
	stop := make(chan bool)
	go func(st *stub, stop chan bool) {
		stop <- st.interrupt()
	}(prev, stop)
	<-stop
}

// The handshake: the stopper sends and waits for the loop's answer on
// the same channel. The answer, sent in the case that received the
// order, has a receiver; the order itself blocks if the loop is gone.
type checker struct {
	healthStop chan bool
}

func (c *checker) loop() {
	t := time.NewTicker(time.Second)
	defer t.Stop()
	for {
		select {
		case <-c.healthStop:
			c.healthStop <- true
			return
		case <-t.C:
		}
	}
}

func (c *checker) Stop() { // want Stop:`blocks\(chanaudit: send on c.healthStop\)`
	c.healthStop <- true // want `send on stop channel c.healthStop blocks forever once the loop has exited`
	<-c.healthStop
}

// A receive that a length check says has a value waiting.
type stubQueue struct {
	input chan []byte
}

func (q *stubQueue) Drain(ctx context.Context) int {
	n := 0
	for len(q.input) > 0 {
		b := <-q.input
		n += len(b)
	}
	if len(q.input) != 0 {
		<-q.input
	}
	return n
}

func (q *stubQueue) Next(ctx context.Context) []byte {
	return <-q.input // want `receive from q.input in \(\*stubQueue\).Next, which takes a context, can block forever`
}

// A closable queue: Close sets the flag and broadcasts, and the waiter
// checks the flag. The worker goroutine is stopped by Close.
type closableQueue struct {
	mu     sync.Mutex
	cond   *sync.Cond
	items  []int
	closed bool
}

func newClosableQueue() *closableQueue {
	q := &closableQueue{}
	q.cond = sync.NewCond(&q.mu)
	go q.worker()
	return q
}

func (q *closableQueue) wait() bool {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.closed {
		return false
	}
	if len(q.items) == 0 {
		q.cond.Wait()
	}
	return true
}

func (q *closableQueue) worker() {
	for q.wait() {
	}
}

func (q *closableQueue) Close() {
	q.mu.Lock()
	q.closed = true
	q.cond.Broadcast()
	q.mu.Unlock()
}

// A semaphore passed as a parameter and given back by a deferred
// literal after a select took a token.
type poller struct {
	sem chan struct{}
}

func newPoller(n int) *poller { return &poller{sem: make(chan struct{}, n)} }

func (p *poller) Refresh(ctx context.Context) { p.refresh(ctx, p.sem) }

func (p *poller) refresh(ctx context.Context, sem chan struct{}) {
	select {
	case sem <- struct{}{}:
	case <-ctx.Done():
		return
	}
	defer func() { <-sem }()
}

// A command started under a lock and waited for by a goroutine: the
// lock is not held while anything waits.
type runner struct {
	mu   sync.Mutex
	done chan int
}

func (r *runner) Start(name string) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	cmd := exec.Command(name)
	if err := cmd.Start(); err != nil {
		return err
	}
	go func() {
		cmd.Wait()
		r.done <- 1
	}()
	return nil
}
