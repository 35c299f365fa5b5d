package witness

import (
	"context"
	"time"
)

type lookup struct {
	key   string
	reply chan int
}

// table serves lookups in a loop and replies on each request's
// channel.
type table struct {
	reqs chan lookup
	data map[string]int
}

func (t *table) serve() {
	for req := range t.reqs {
		req.reply <- t.data[req.key] // want `send on req.reply blocks forever once \(\*table\).Lookup takes the <-ctx.Done\(\) case \(reply.go:\d+\) and returns without the reply: give reply a buffer of 1 where \(\*table\).Lookup makes it`
	}
}

// Lookup gives up on ctx, and the reply is sent to nobody.
func (t *table) Lookup(ctx context.Context, key string) (int, error) {
	reply := make(chan int)
	t.reqs <- lookup{key: key, reply: reply}
	select {
	case v := <-reply:
		return v, nil
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}

type query struct {
	q   string
	out chan int
}

// store replies on channels whose requesters always wait.
type store struct {
	reqs chan query
}

func (s *store) serve() {
	for req := range s.reqs {
		req.out <- len(req.q)
	}
}

// Get always waits for its answer.
func (s *store) Get(q string) int {
	out := make(chan int)
	s.reqs <- query{q: q, out: out}
	return <-out
}

type ping struct {
	done chan time.Time
}

// pinger's requesters give up, but the reply has room.
type pinger struct {
	reqs chan ping
}

func (p *pinger) serve() {
	for req := range p.reqs {
		req.done <- time.Now()
	}
}

// Ping leaves on ctx: the buffer of one takes the reply.
func (p *pinger) Ping(ctx context.Context) error {
	done := make(chan time.Time, 1)
	p.reqs <- ping{done: done}
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

type producer struct {
	input chan int
}

// newProducer puts the channel it made in the value it returns: a
// constructor, not a request waiting for a reply.
func newProducer() *producer {
	input := make(chan int)
	p := &producer{input: input}
	go p.run()
	return p
}

func (p *producer) run() {
	for v := range p.input {
		use(v)
	}
}

func (p *producer) Put(v int) { p.input <- v }

type job struct {
	in chan int
}

// offerer offers its own job channel again and again: it comes back
// to wait on it, whichever case it took.
type offerer struct {
	reqs      chan job
	interrupt chan struct{}
	closing   chan struct{}
}

func (w *offerer) run() {
	in := make(chan int)
	for {
		select {
		case w.reqs <- job{in: in}:
			select {
			case v := <-in:
				use(v)
			case <-w.interrupt:
			}
		case <-w.closing:
			return
		}
	}
}

// Submit hands a value to whichever worker offered itself.
func (w *offerer) Submit(v int) {
	j := <-w.reqs
	j.in <- v
}
