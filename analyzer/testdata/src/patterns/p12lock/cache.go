// Package p12lock: blocking while holding a lock.
package p12lock

import (
	"context"
	"database/sql"
	"io"
	"net/http"
	"sync"
	"time"

	"patterns/p12lock/remote"
)

// Cache fills itself from an origin server.
type Cache struct {
	mu     sync.Mutex
	items  map[string][]byte
	origin string
	db     *sql.DB
	peer   string
}

// Get fetches a missing item with the lock held: every reader waits
// for the slowest fetch.
func (c *Cache) Get(ctx context.Context, key string) ([]byte, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if v, ok := c.items[key]; ok {
		return v, nil
	}
	resp, err := http.Get(c.origin + "/" + key) // want `http\.Get while c\.mu is held in \(\*Cache\)\.Get makes every goroutine that needs the lock wait too: release the lock before blocking`
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	v, err := io.ReadAll(resp.Body)
	c.items[key] = v
	return v, err
}

// GetUnlocked is the clean twin: fetch without the lock, with ctx, and
// hold the lock only to read and write the map.
func (c *Cache) GetUnlocked(ctx context.Context, key string) ([]byte, error) {
	c.mu.Lock()
	v, ok := c.items[key]
	c.mu.Unlock()
	if ok {
		return v, nil
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.origin+"/"+key, nil)
	if err != nil {
		return nil, err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	v, err = io.ReadAll(resp.Body)
	c.mu.Lock()
	c.items[key] = v
	c.mu.Unlock()
	return v, err
}

// Refresh calls a same-package helper under the lock.
func (c *Cache) Refresh() { // want Refresh:`blocks\(sql: \(\*sql\.DB\)\.Query via \(\*Cache\)\.reloadLocked\)`
	c.mu.Lock()
	c.reloadLocked()
	c.mu.Unlock()
}

func (c *Cache) reloadLocked() { // want reloadLocked:`blocks\(sql: \(\*sql\.DB\)\.Query\)`
	rows, err := c.db.Query("SELECT k, v FROM cache") // want `\(\*sql\.DB\)\.Query in \(\*Cache\)\.reloadLocked while c\.mu is held in \(\*Cache\)\.Refresh makes every goroutine that needs the lock wait too`
	if err != nil {
		return
	}
	rows.Close()
}

// Sync calls another package's blocking function under the lock.
func (c *Cache) Sync() error { // want Sync:`blocks\(net: net\.Dial via remote\.Fetch\)`
	c.mu.Lock()
	defer c.mu.Unlock()
	data, err := remote.Fetch(c.peer) // want `call to remote\.Fetch blocks in net\.Dial while c\.mu is held in \(\*Cache\)\.Sync: release the lock before blocking`
	if err != nil {
		return err
	}
	c.items["peer"] = data
	return nil
}

// Expire sleeps with the lock held in a closure.
func (c *Cache) Expire(keys []string) { // want Expire:`blocks\(sleep: time\.Sleep via func literal in \(\*Cache\)\.Expire\)`
	for _, k := range keys {
		func() {
			c.mu.Lock()
			defer c.mu.Unlock()
			delete(c.items, k)
			time.Sleep(time.Millisecond) // want `time\.Sleep while c\.mu is held in \(\*Cache\)\.Expire makes every goroutine that needs the lock wait too`
		}()
	}
}

// Len is a short critical section: quiet.
func (c *Cache) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.items)
}
