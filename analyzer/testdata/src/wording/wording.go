// Package wording pins how messages name entry points, contexts and
// remedies.
package wording

import (
	"context"
	"net"
	"net/http"
	"sync"
	"time"
)

type cache struct {
	mu sync.Mutex
}

// A fix can make a wait under a lock cancellable, not move it out of
// the critical section: the message offers both.
func (c *cache) refresh(ctx context.Context) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	time.Sleep(time.Second) // want `^time\.Sleep while c\.mu is held in \(\*cache\)\.refresh makes every goroutine that needs the lock wait too: release the lock before blocking, or at least wait on a time\.Timer in a select with ctx\.Done\(\) \(the suggested fix, which keeps the lock\)$`
	return nil
}

// Without a context there is no fix, and one remedy.
func (c *cache) expire() { // want expire:"blocks"
	c.mu.Lock()
	defer c.mu.Unlock()
	time.Sleep(time.Second) // want `^time\.Sleep while c\.mu is held in \(\*cache\)\.expire makes every goroutine that needs the lock wait too: release the lock before blocking$`
}

// A handler's context is its request's: the message names r.Context().
func status(w http.ResponseWriter, r *http.Request) {
	time.Sleep(time.Second)                    // want `^time\.Sleep in HTTP handler status ignores cancellation: wait on a time\.Timer in a select with r\.Context\(\)\.Done\(\)$`
	conn, err := net.Dial("tcp", "backend:80") // want `^net\.Dial in HTTP handler status ignores cancellation: use \(&net\.Dialer\{\}\)\.DialContext\(r\.Context\(\), \.\.\.\)$`
	if err == nil {
		conn.Close()
	}
}

// A literal handler is named by what it is, then where it is written.
func routes(mux *http.ServeMux) {
	mux.HandleFunc("/", func(w http.ResponseWriter, req *http.Request) {
		time.Sleep(time.Second) // want `^time\.Sleep in HTTP handler \(func literal in routes\) ignores cancellation: wait on a time\.Timer in a select with req\.Context\(\)\.Done\(\)$`
	})
}

// loop is an entry point by its directive.
//
//blockcheck:entry
func loop() { // want loop:"blocks"
	time.Sleep(time.Second) // want `^time\.Sleep in entry point loop ignores cancellation`
}

// named is an entry point by the entry setting.
func named() { // want named:"blocks"
	time.Sleep(time.Second) // want `^time\.Sleep in entry point named ignores cancellation`
}
