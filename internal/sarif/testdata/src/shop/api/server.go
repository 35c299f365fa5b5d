// Package api serves the shop's HTTP API.
package api

import (
	"context"
	"encoding/json"
	"log"
	"net/http"
	"time"

	"example.com/shop/store"
	"example.com/shop/worker"
)

// Server holds what the handlers need.
type Server struct {
	catalog *store.Catalog
	pool    *worker.Pool
}

func New(catalog *store.Catalog, pool *worker.Pool) *Server {
	return &Server{catalog: catalog, pool: pool}
}

// Routes returns the API's handler.
func (s *Server) Routes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /search", s.handleSearch)
	mux.HandleFunc("GET /suggest", s.handleSuggest)
	mux.HandleFunc("POST /orders/{id}/confirm", s.handleConfirm)
	mux.HandleFunc("POST /orders/{id}/cancel", s.handleCancel)
	mux.HandleFunc("GET /status", s.handleStatus)
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
		defer cancel()
		if _, err := s.catalog.DiskUsageContext(ctx); err != nil {
			http.Error(w, "data directory unreadable", http.StatusServiceUnavailable)
			return
		}
		w.WriteHeader(http.StatusNoContent)
	})
	return mux
}

func (s *Server) handleStatus(w http.ResponseWriter, r *http.Request) {
	// BUG: du keeps running after the client has gone away; DiskUsageContext stops it.
	usage, err := s.catalog.DiskUsage() // want `call to \(\*store.Catalog\).DiskUsage in HTTP handler \(\*Server\).handleStatus blocks in exec.Command`
	if err != nil {
		usage = "unknown"
	}
	writeJSON(w, map[string]string{"status": "ok", "data": usage})
}

func (s *Server) handleConfirm(w http.ResponseWriter, r *http.Request) {
	job := worker.Job{Kind: "confirm", OrderID: r.PathValue("id")}
	if err := s.pool.Submit(r.Context(), job); err != nil {
		http.Error(w, "busy, try again", http.StatusServiceUnavailable)
		return
	}
	w.WriteHeader(http.StatusAccepted)
}

func (s *Server) handleCancel(w http.ResponseWriter, r *http.Request) {
	// BUG: waits for room in the queue even after the client has gone away.
	s.pool.Enqueue(worker.Job{Kind: "cancel", OrderID: r.PathValue("id")}) // want `call to \(\*worker.Pool\).Enqueue in HTTP handler \(\*Server\).handleCancel blocks in send on p.jobs`
	w.WriteHeader(http.StatusAccepted)
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	if err := json.NewEncoder(w).Encode(v); err != nil {
		log.Printf("api: writing response: %v", err)
	}
}
