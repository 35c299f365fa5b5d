package precision

import (
	"context"
	"sync"
	"sync/atomic"
	"time"
)

// A try-acquire: the dispatcher takes a token in a select case and
// hands the job over; the runner gives the token back with a bare
// receive from the parameter it was passed. The receive cannot block.
type limitExec struct {
	ctx     context.Context
	limiter chan struct{}
	in      chan int
}

func newLimitExec(ctx context.Context, n int) *limitExec {
	e := &limitExec{ctx: ctx, limiter: make(chan struct{}, n), in: make(chan int, 1000)}
	go e.runner(e.in, e.limiter)
	go e.dispatch()
	return e
}

func (e *limitExec) dispatch() { // want dispatch:`blocks\(chanaudit: send on e.in\)`
	for {
		select {
		case <-e.ctx.Done():
			return
		case <-time.After(time.Second):
			select {
			case e.limiter <- struct{}{}:
				e.in <- 1 // want `send on e.in in a case of the event loop in \(\*limitExec\).dispatch stalls every other case`
			default:
				// busy: try again later
			}
		}
	}
}

func (e *limitExec) runner(in chan int, limiter chan struct{}) {
	for {
		select {
		case job := <-in:
			_ = job
			<-limiter // gives back the token taken in dispatch
		case <-e.ctx.Done():
			return
		}
	}
}

// A notification that coalesces: the send does nothing else, and the
// receive waits for the next poke, which may never come.
type waker struct {
	wake chan struct{}
}

func newWaker() *waker { return &waker{wake: make(chan struct{}, 1)} }

func (w *waker) poke() {
	select {
	case w.wake <- struct{}{}:
	default:
	}
}

func (w *waker) Wait(ctx context.Context) {
	<-w.wake // want `receive from w.wake in \(\*waker\).Wait, which takes a context, can block forever`
}

// The same receive from a parameter, when one caller passes a channel
// that is not a token semaphore.
func (e *limitExec) drain(ctx context.Context, other chan struct{}) {
	e.release(e.limiter)
	e.release(other)
}

func (e *limitExec) release(limiter chan struct{}) { // want release:`blocks\(chanaudit: receive from limiter\)`
	<-limiter // want `receive from limiter in \(\*limitExec\).release, reached from \(\*limitExec\).drain`
}

// A mailbox: a buffered channel drained by a loop that only updates
// memory. A send waits only while the loop catches up.
type watermark struct {
	mu      sync.Mutex
	markCh  chan int
	closed  chan struct{}
	pending map[int]int
	done    atomic.Int64
}

func newWatermark() *watermark {
	w := &watermark{markCh: make(chan int, 100), closed: make(chan struct{}), pending: map[int]int{}}
	go w.process()
	return w
}

func (w *watermark) process() {
	processOne := func(i int) {
		w.pending[i]++
		w.advance(i)
	}
	for {
		select {
		case <-w.closed:
			return
		case i := <-w.markCh:
			processOne(i)
		}
	}
}

func (w *watermark) advance(i int) {
	if int64(i) > w.done.Load() {
		w.done.Store(int64(i))
	}
}

func (w *watermark) Begin(ctx context.Context, i int) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.markCh <- i
}

// The same loop over an unbuffered channel: every send waits for the
// loop to come round.
type unbufferedBox struct {
	ch     chan int
	closed chan struct{}
	n      int
}

func newUnbufferedBox() *unbufferedBox {
	b := &unbufferedBox{ch: make(chan int), closed: make(chan struct{})}
	go b.loop()
	return b
}

func (b *unbufferedBox) loop() {
	for {
		select {
		case <-b.closed:
			return
		case i := <-b.ch:
			b.n += i
		}
	}
}

func (b *unbufferedBox) Add(ctx context.Context, i int) {
	b.ch <- i // want `send on b.ch in \(\*unbufferedBox\).Add, which takes a context, can block forever`
}

// A buffered queue whose drain calls a handler through a function
// value: the handler may wait on anything, so a full queue may wait
// as long.
type handlerQueue struct {
	jobs   chan int
	handle func(int)
}

func newHandlerQueue(h func(int)) *handlerQueue {
	q := &handlerQueue{jobs: make(chan int, 100), handle: h}
	go func() {
		for j := range q.jobs {
			q.handle(j)
		}
	}()
	return q
}

func (q *handlerQueue) Put(ctx context.Context, j int) {
	q.jobs <- j // want `send on q.jobs in \(\*handlerQueue\).Put, which takes a context, can block forever`
}

// A buffered queue whose drain takes a lock: a sender holding it would
// wait for ever.
type lockedQueue struct {
	mu    sync.Mutex
	items chan int
	sum   int
}

func newLockedQueue() *lockedQueue {
	q := &lockedQueue{items: make(chan int, 10)}
	go func() {
		for i := range q.items {
			q.mu.Lock()
			q.sum += i
			q.mu.Unlock()
		}
	}()
	return q
}

func (q *lockedQueue) Add(ctx context.Context, i int) {
	q.items <- i // want `send on q.items in \(\*lockedQueue\).Add, which takes a context, can block forever`
}

// A nested select in an event loop's case that also waits on the
// loop's other channels serves them while it waits: nothing stalls.
type pubLoop struct {
	incoming chan int
	out      chan int
	errs     chan error
}

func (p *pubLoop) Run() { // want Run:`blocks\(chanaudit: select with no way out\)`
	for {
		select {
		case m := <-p.incoming:
			select {
			case p.out <- m:
			case err := <-p.errs:
				_ = err
				return
			}
		case err := <-p.errs:
			_ = err
			return
		}
	}
}

// The same nested select, when the loop also has a quit case the
// nested select does not wait on: the quit case stalls.
type pubLoopQuit struct {
	incoming chan int
	out      chan int
	errs     chan error
	quit     chan struct{}
}

func (p *pubLoopQuit) Run() { // want Run:`blocks\(chanaudit: select with no way out\)`
	for {
		select {
		case m := <-p.incoming:
			select { // want `select with no way out in a case of the event loop in \(\*pubLoopQuit\).Run stalls every other case`
			case p.out <- m:
			case err := <-p.errs:
				_ = err
				return
			}
		case err := <-p.errs:
			_ = err
			return
		case <-p.quit:
			return
		}
	}
}
