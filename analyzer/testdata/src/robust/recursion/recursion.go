// Package recursion: three functions call each other in a cycle that
// ends in a sleep; two entry points reach it. It is found once.
package recursion

import (
	"context"
	"net/http"
	"time"
)

func a(n int) { // want a:`blocks\(sleep: time\.Sleep via b -> c\)`
	if n > 0 {
		b(n)
	}
}

func b(n int) { // want b:`blocks\(sleep: time\.Sleep via c\)`
	c(n - 1)
}

func c(n int) { // want c:`blocks\(sleep: time\.Sleep\)`
	a(n)
	time.Sleep(time.Millisecond) // want `^time\.Sleep in c, reached from HTTP handler handle, ignores cancellation: pass a context to c`
}

func handle(w http.ResponseWriter, r *http.Request) {
	a(3)
}

func handleToo(w http.ResponseWriter, r *http.Request) {
	b(2)
	c(1)
}

func background(ctx context.Context) {
	go a(1)
}

// self recurses without blocking: no fact, no finding.
func self(n int) int {
	if n <= 1 {
		return 1
	}
	return n * self(n-1)
}

// even and odd recurse into each other without blocking.
func even(n int) bool {
	if n == 0 {
		return true
	}
	return odd(n - 1)
}

func odd(n int) bool {
	if n == 0 {
		return false
	}
	return even(n - 1)
}

func quiet(w http.ResponseWriter, r *http.Request) {
	_ = self(5)
	_ = even(4)
}
