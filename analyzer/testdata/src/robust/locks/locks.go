// Package locks: an unlock on an early-return path does not release
// the lock for the statements after it.
package locks

import (
	"net/http"
	"sync"
)

type cache struct {
	mu sync.Mutex
	m  map[string]*http.Response
}

// get returns early, unlocking, on a hit; on a miss it fetches with the
// lock still held.
func (c *cache) get(url string) (*http.Response, error) { // want get:`blocks\(http: http\.Get\)`
	c.mu.Lock()
	if r, ok := c.m[url]; ok {
		c.mu.Unlock()
		return r, nil
	}
	r, err := http.Get(url) // want `^http\.Get while c\.mu is held in \(\*cache\)\.get makes every goroutine that needs the lock wait too`
	if err == nil {
		c.m[url] = r
	}
	c.mu.Unlock()
	return r, err
}

// getHeld is the same without the early return: reported.
func (c *cache) getHeld(url string) (*http.Response, error) { // want getHeld:`blocks\(http: http\.Get\)`
	c.mu.Lock()
	r, err := http.Get(url) // want `^http\.Get while c\.mu is held in \(\*cache\)\.getHeld makes every goroutine that needs the lock wait too`
	if err == nil {
		c.m[url] = r
	}
	c.mu.Unlock()
	return r, err
}
