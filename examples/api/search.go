package api

import (
	"context"
	"net/http"
	"time"

	"example.com/shop/store"
)

// searchTimeout bounds a search: a slow answer is worse than none.
const searchTimeout = 500 * time.Millisecond

func (s *Server) handleSearch(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), searchTimeout)
	defer cancel()
	// BUG: unbuffered, so the send blocks forever once the search has timed out.
	results := make(chan []store.Product)
	go func() {
		results <- s.catalog.Search(r.FormValue("q")) // want `send on results blocks forever once \(\*Server\).handleSearch takes the`
	}()
	select {
	case found := <-results:
		writeJSON(w, found)
	case <-ctx.Done():
		http.Error(w, "search timed out", http.StatusGatewayTimeout)
	}
}

func (s *Server) handleSuggest(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), searchTimeout)
	defer cancel()
	results := make(chan []store.Product, 1)
	go func() {
		results <- s.catalog.Search(r.FormValue("q"))
	}()
	names := []string{}
	select {
	case found := <-results:
		for _, p := range found {
			names = append(names, p.Name)
		}
	case <-ctx.Done():
	}
	writeJSON(w, names)
}
