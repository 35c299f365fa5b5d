package precision

import (
	"bufio"
	"context"
	"errors"
	"io"
	"sync"
	"time"
)

// The cancellable Cond idiom: the waiter's side sets quit and
// broadcasts when the context is done.
var (
	cmu   sync.Mutex
	cond2 = sync.NewCond(&cmu)
	items int
)

func WaitItems(ctx context.Context) error {
	done, quit := make(chan struct{}), false
	go func() {
		defer close(done)
		cmu.Lock()
		defer cmu.Unlock()
		for !quit && items == 0 {
			cond2.Wait()
		}
	}()
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		cmu.Lock()
		quit = true
		cmu.Unlock()
		cond2.Broadcast()
		return ctx.Err()
	}
}

// A worker reports completion on a done channel: no stop signal.
func manager(work <-chan func(chan<- bool), quit <-chan struct{}) {
	doneWork := make(chan bool, 4)
	active, quitting := 0, false
	for {
		select {
		case w := <-work:
			active++
			go w(doneWork)
		case <-doneWork:
			active--
		case <-quit:
			quitting, quit = true, nil
		}
		if quitting && active == 0 {
			return
		}
	}
}

func reportDone(doneWork chan<- bool) { doneWork <- true } // want reportDone:"blocks"

// The unlock in the returning branch comes before the wait.
type gate struct {
	mu    sync.Mutex
	ready chan struct{}
}

func (g *gate) Get() { // want Get:"blocks"
	g.mu.Lock()
	if r := g.ready; r != nil {
		g.mu.Unlock()
		<-r
		return
	}
	g.ready = make(chan struct{})
	g.mu.Unlock()
}

// A deferred goroutine drains the result channel.
func firstLine(ctx context.Context, r io.Reader) (string, error) {
	lines := make(chan string)
	go func() {
		defer close(lines)
		s := bufio.NewScanner(r)
		for s.Scan() {
			lines <- s.Text()
		}
	}()
	defer func() {
		go func() {
			for range lines {
			}
		}()
	}()
	// The reader is no goroutine of ctx's: only the timer ends the
	// wait when ctx is done.
	select { // want `select bounded only by time.After\(time.Second\) in firstLine, which takes a context, ignores cancellation`
	case l := <-lines:
		return l, nil
	case <-time.After(time.Second):
		return "", errors.New("timeout")
	}
}

// A context's Done channel held in a variable.
type pool struct {
	bgCtx  context.Context
	stopBg context.CancelFunc
	idle   chan struct{}
}

func (p *pool) ReleaseContext(ctx context.Context) error {
	p.stopBg()
	bg := p.bgCtx.Done()
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-p.idle:
			<-bg
			return nil
		}
	}
}

// A token taken in a select and given back inline on the error path.
type procs struct {
	sema chan struct{}
	quit chan struct{}
}

func newProcs(n int) *procs { return &procs{sema: make(chan struct{}, n), quit: make(chan struct{})} }

func (p *procs) loop(work func() error) {
	for {
		select {
		case <-p.quit:
			return
		case p.sema <- struct{}{}:
			if err := work(); err != nil {
				<-p.sema
				continue
			}
			go func() {
				defer func() { <-p.sema }()
				_ = work()
			}()
		}
	}
}

func (p *procs) Start(work func() error) { go p.loop(work) }
