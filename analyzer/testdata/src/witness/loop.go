package witness

import "context"

// conn serves requests in a loop that returns on quit.
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

// Send blocks forever once the loop has returned on quit.
func (c *conn) Send(v int) {
	c.reqs <- v // want `send on c.reqs blocks forever once the loop in \(\*conn\).loop takes the <-c.quit case \(loop.go:\d+\) and returns: send in a select that also waits for the loop's done channel or a context`
}

// SendOrQuit also waits for quit.
func (c *conn) SendOrQuit(v int) {
	select {
	case c.reqs <- v:
	case <-c.quit:
	}
}

// Close stops the loop.
func (c *conn) Close() { close(c.quit) }

// reader leaves its loop when a read fails, outside the select.
type reader struct {
	acks chan int
	read func() error
}

func newReader(read func() error) *reader {
	r := &reader{acks: make(chan int), read: read}
	go r.run()
	return r
}

func (r *reader) run() {
	for {
		if err := r.read(); err != nil {
			return
		}
		select {
		case a := <-r.acks:
			use(a)
		}
	}
}

// Ack blocks forever once a read has failed.
func (r *reader) Ack(a int) {
	r.acks <- a // want `send on r.acks blocks forever once the loop in \(\*reader\).run has returned \(loop.go:\d+\)`
}

// jobWorker's only way out of its loop is its own channel being closed.
type jobWorker struct {
	jobs chan int
}

func newJobWorker() *jobWorker {
	w := &jobWorker{jobs: make(chan int)}
	go w.run()
	return w
}

func (w *jobWorker) run() {
	for {
		j, ok := <-w.jobs
		if !ok {
			return
		}
		use(j)
	}
}

// Add: the loop runs until jobs is closed.
func (w *jobWorker) Add(j int) { w.jobs <- j }

// drained: after its loop the server drains the channel.
type drained struct {
	in   chan int
	quit chan struct{}
}

func newDrained() *drained {
	d := &drained{in: make(chan int), quit: make(chan struct{})}
	go d.loop()
	return d
}

func (d *drained) loop() {
	for {
		select {
		case v := <-d.in:
			use(v)
		case <-d.quit:
			go func() {
				for v := range d.in {
					use(v)
				}
			}()
			return
		}
	}
}

func (d *drained) Put(v int) { d.in <- v }

// buffered has room: a buffer is not followed.
type buffered struct {
	in  chan int
	ctx context.Context
}

func newBuffered(ctx context.Context) *buffered {
	b := &buffered{in: make(chan int, 1), ctx: ctx}
	go b.loop()
	return b
}

func (b *buffered) loop() {
	for {
		select {
		case v := <-b.in:
			use(v)
		case <-b.ctx.Done():
			return
		}
	}
}

func (b *buffered) Put(v int) { b.in <- v }

// monitor reads its channels into locals before its loop.
type monitor struct {
	check chan struct{}
	stop  chan struct{}
	fail  func() bool
}

func newMonitor(fail func() bool) *monitor {
	m := &monitor{check: make(chan struct{}), stop: make(chan struct{}), fail: fail}
	go m.run()
	return m
}

func (m *monitor) run() {
	check, stop := m.check, m.stop
	for {
		select {
		case <-check:
			if m.fail() {
				return
			}
		case <-stop:
			return
		}
	}
}

// CheckNow blocks forever once the monitor has stopped.
func (m *monitor) CheckNow() {
	m.check <- struct{}{} // want `send on m.check blocks forever once the loop in \(\*monitor\).run takes the <-stop case`
}

// pipe: the writer's loop hands a buffer over and then waits for the
// count; the reader sends the count only after taking a buffer, so
// the writer is always there to receive it.
type pipe struct {
	wrCh chan []byte
	rdCh chan int
	done chan struct{}
}

func newPipe() *pipe {
	return &pipe{wrCh: make(chan []byte), rdCh: make(chan int), done: make(chan struct{})}
}

func (p *pipe) read(b []byte) int {
	select {
	case bw := <-p.wrCh:
		n := copy(b, bw)
		p.rdCh <- n
		return n
	case <-p.done:
		return 0
	}
}

func (p *pipe) write(b []byte) int {
	n := 0
	for len(b) > 0 {
		select {
		case p.wrCh <- b:
			nw := <-p.rdCh
			b = b[nw:]
			n += nw
		case <-p.done:
			return n
		}
	}
	return n
}

// coordinator returns only after a worker's final error: the case
// that takes data may be how it learns the senders are gone.
type coordinator struct {
	results chan int
}

func newCoordinator() *coordinator { return &coordinator{results: make(chan int)} }

func (c *coordinator) run(n int) error {
	errC := make(chan error)
	for range n {
		go func() { errC <- c.work() }()
	}
	active := n
	for {
		select {
		case err := <-errC:
			active--
			if active == 0 {
				return err
			}
		case r := <-c.results:
			use(r)
		}
	}
}

func (c *coordinator) work() error {
	c.results <- 1
	return nil
}

// flags closes its reload channel when its loop leaves: a sender that
// was waiting is let go, it does not wait forever.
type flags struct {
	reload chan struct{}
	quit   chan struct{}
}

func newFlags() *flags {
	f := &flags{reload: make(chan struct{}), quit: make(chan struct{})}
	go f.loop()
	return f
}

func (f *flags) loop() {
	for {
		select {
		case <-f.reload:
			use(1)
		case <-f.quit:
			close(f.reload)
			return
		}
	}
}

// Reload is no finding: the loop closes reload on its way out.
func (f *flags) Reload() { f.reload <- struct{}{} }
