package p11waitgroup

import (
	"context"
	"net/http"
	"sync"
)

// FetchAll adds inside the goroutine it counts: Wait may return before
// any Add has run.
func FetchAll(ctx context.Context, urls []string) []int {
	var wg sync.WaitGroup
	var mu sync.Mutex
	codes := make([]int, 0, len(urls))
	for _, u := range urls {
		go func(u string) {
			wg.Add(1) // want `wg\.Add inside the goroutine it counts may run after wg\.Wait has returned: call Add before the go statement`
			defer wg.Done()
			req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
			if err != nil {
				return
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				return
			}
			resp.Body.Close()
			mu.Lock()
			codes = append(codes, resp.StatusCode)
			mu.Unlock()
		}(u)
	}
	wg.Wait()
	return codes
}

// Server tracks its connection goroutines in a field.
type Server struct {
	wg    sync.WaitGroup
	conns chan int
}

// Serve adds inside the goroutine, through a field.
func (s *Server) Serve() {
	for c := range s.conns {
		go func() {
			s.wg.Add(1) // want `s\.wg\.Add inside the goroutine it counts may run after s\.wg\.Wait has returned`
			defer s.wg.Done()
			_ = c
		}()
	}
}

// ServeMethod starts a method that adds as its first statement: the
// same race, written as a method.
func (s *Server) ServeMethod() {
	for c := range s.conns {
		go s.handle(c)
	}
}

func (s *Server) handle(c int) {
	s.wg.Add(1) // want `s\.wg\.Add inside the goroutine it counts may run after s\.wg\.Wait has returned`
	defer s.wg.Done()
	_ = c
}

// ServeFixed is the clean twin.
func (s *Server) ServeFixed() {
	for c := range s.conns {
		s.wg.Add(1)
		go func() {
			defer s.wg.Done()
			_ = c
		}()
	}
}

// Close waits for every connection goroutine: after the loop, correct.
func (s *Server) Close() {
	s.wg.Wait()
}
