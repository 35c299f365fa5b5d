package witness

import (
	"net/url"
	"os"
	"sync"
)

// FanIn fans results in until every worker has finished: done closes
// only after wg.Wait(), and a worker waiting to send has not called
// Done, so the done case never leaves one behind.
func FanIn(names []string) []int {
	vals := make(chan int)
	done := make(chan struct{})
	var wg sync.WaitGroup
	for _, n := range names {
		wg.Add(1)
		go func(n string) {
			defer wg.Done()
			vals <- len(n)
		}(n)
	}
	go func() {
		wg.Wait()
		close(done)
	}()
	var res []int
	for {
		select {
		case <-done:
			return res
		case v := <-vals:
			res = append(res, v)
		}
	}
}

// RenameAll returns on the first error, and the other workers' errors
// have nobody to receive them.
func RenameAll(names []string) error {
	errs := make(chan error)
	done := make(chan struct{})
	var wg sync.WaitGroup
	for _, n := range names {
		wg.Add(1)
		go func(n string) {
			defer wg.Done()
			if err := os.Rename(n, n+".old"); err != nil {
				errs <- err // want `send on errs blocks forever once RenameAll has received one value \(gated.go:\d+\) and returns, while goroutines started in a loop send on it`
			}
		}(n)
	}
	go func() {
		wg.Wait()
		close(done)
	}()
	select {
	case <-done:
		return nil
	case err := <-errs:
		return err
	}
}

// CollectDoneEarly's worker calls Done before it sends: done can close
// while it still waits, and the owner leaves by it.
func CollectDoneEarly(names []string) []int {
	vals := make(chan int)
	done := make(chan struct{})
	var wg sync.WaitGroup
	for _, n := range names {
		wg.Add(1)
		go func(n string) {
			wg.Done()
			vals <- len(n) // want `send on vals blocks forever once CollectDoneEarly takes the <-done case`
		}(n)
	}
	go func() {
		wg.Wait()
		close(done)
	}()
	var res []int
	for {
		select {
		case <-done:
			return res
		case v := <-vals:
			res = append(res, v)
		}
	}
}

// First takes whichever of two lookups answers first; the other is
// stranded.
func First(a, b func() string) string {
	ch := make(chan string)
	go func() { ch <- a() }() // want `send on ch blocks forever once First has received one value \(gated.go:\d+\) and returns, while several goroutines send on it: give ch a buffer for every send, as in make\(chan string, 2\)`
	go func() { ch <- b() }()
	return <-ch
}

// FirstRoomy gives the loser room: a buffer of one takes its value.
func FirstRoomy(a, b func() string) string {
	ch := make(chan string, 1)
	go func() { ch <- a() }()
	go func() { ch <- b() }()
	return <-ch
}

// Both receives from both.
func Both(a, b func() string) (string, string) {
	ch := make(chan string)
	go func() { ch <- a() }()
	go func() { ch <- b() }()
	return <-ch, <-ch
}

// FirstURL's message names the element type as the file imports it.
func FirstURL(a, b func() *url.URL) *url.URL {
	ch := make(chan *url.URL)
	go func() { ch <- a() }() // want `send on ch blocks forever once FirstURL has received one value \(gated.go:\d+\) and returns, while several goroutines send on it: give ch a buffer for every send, as in make\(chan \*url.URL, 2\)`
	go func() { ch <- b() }()
	return <-ch
}
