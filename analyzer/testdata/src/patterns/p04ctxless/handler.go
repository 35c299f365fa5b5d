// Package p04ctxless: I/O without a context where one is at hand.
package p04ctxless

import (
	"database/sql"
	"encoding/json"
	"io"
	"net/http"
	"os/exec"
)

// Server serves reports.
type Server struct {
	db      *sql.DB
	client  *http.Client
	origin  string
	archive string
}

// handleExport is an HTTP handler that ignores r.Context() everywhere.
func (s *Server) handleExport(w http.ResponseWriter, r *http.Request) {
	rows, err := s.db.Query("SELECT id, body FROM reports WHERE owner = ?", r.FormValue("owner")) // want `\(\*sql\.DB\)\.Query in HTTP handler \(\*Server\)\.handleExport,? ignores cancellation: use \(\*sql\.DB\)\.QueryContext`
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	defer rows.Close()
	out, err := exec.Command("tar", "czf", "-", s.archive).Output() // want `exec\.Command in HTTP handler \(\*Server\)\.handleExport,? ignores cancellation: use exec\.CommandContext`
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Write(out)
}

// handleProxy builds a request without the caller's context.
func (s *Server) handleProxy(w http.ResponseWriter, r *http.Request) {
	req, err := http.NewRequest(http.MethodGet, s.origin+r.URL.Path, nil) // want `http\.NewRequest in HTTP handler \(\*Server\)\.handleProxy,? ignores cancellation: use http\.NewRequestWithContext`
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	resp, err := s.client.Do(req)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	defer resp.Body.Close()
	io.Copy(w, resp.Body)
}

// handleStatus calls http.Get on the default client.
func (s *Server) handleStatus(w http.ResponseWriter, r *http.Request) {
	resp, err := http.Get(s.origin + "/status") // want `http\.Get in HTTP handler \(\*Server\)\.handleStatus,? ignores cancellation: build the request with http\.NewRequestWithContext`
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	defer resp.Body.Close()
	json.NewEncoder(w).Encode(resp.StatusCode)
}

// handleProxyCtx is the clean twin: every call takes r.Context().
func (s *Server) handleProxyCtx(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, s.origin+r.URL.Path, nil)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	resp, err := s.client.Do(req)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	defer resp.Body.Close()
	rows, err := s.db.QueryContext(ctx, "SELECT 1")
	if err == nil {
		rows.Close()
	}
	out, err := exec.CommandContext(ctx, "tar", "czf", "-", s.archive).Output()
	if err == nil {
		w.Write(out)
	}
	io.Copy(w, resp.Body)
}

// handleProxyWithContext is the older clean idiom: the request gets the
// context before it is sent.
func (s *Server) handleProxyWithContext(w http.ResponseWriter, r *http.Request) {
	req, err := http.NewRequest(http.MethodGet, s.origin, nil)
	if err != nil {
		return
	}
	req = req.WithContext(r.Context())
	resp, err := s.client.Do(req)
	if err == nil {
		resp.Body.Close()
	}
}

// handleProxyCancel wires the request to the context through its older
// Cancel channel, which the transport honours too.
func (s *Server) handleProxyCancel(w http.ResponseWriter, r *http.Request) {
	req, err := http.NewRequest(http.MethodGet, s.origin, nil)
	if err != nil {
		return
	}
	req.Cancel = r.Context().Done()
	resp, err := s.client.Do(req)
	if err == nil {
		resp.Body.Close()
	}
}

// handleProxyNoCancel clears the Cancel channel: nothing cancels it.
func (s *Server) handleProxyNoCancel(w http.ResponseWriter, r *http.Request) {
	req, err := http.NewRequest(http.MethodGet, s.origin, nil) // want `http.NewRequest in HTTP handler \(\*Server\).handleProxyNoCancel ignores cancellation`
	if err != nil {
		return
	}
	req.Cancel = nil
	resp, err := s.client.Do(req)
	if err == nil {
		resp.Body.Close()
	}
}

// archiveCmd only builds a command: whoever runs it decides.
func (s *Server) archiveCmd(r *http.Request) *exec.Cmd {
	return exec.Command("tar", "czf", "-", s.archive)
}

// Routes registers the handlers, the literal included.
func (s *Server) Routes(mux *http.ServeMux) {
	mux.HandleFunc("/export", s.handleExport)
	mux.HandleFunc("/proxy", s.handleProxy)
	mux.HandleFunc("/proxy-cancel", s.handleProxyCancel)
	mux.HandleFunc("/proxy-nocancel", s.handleProxyNoCancel)
	mux.HandleFunc("/ping", func(w http.ResponseWriter, r *http.Request) {
		if err := s.db.Ping(); err != nil { // want `\(\*sql\.DB\)\.Ping in HTTP handler \(func literal in \(\*Server\)\.Routes\) ignores cancellation: use \(\*sql\.DB\)\.PingContext`
			http.Error(w, err.Error(), http.StatusServiceUnavailable)
		}
	})
	mux.HandleFunc("/pingctx", func(w http.ResponseWriter, r *http.Request) {
		if err := s.db.PingContext(r.Context()); err != nil {
			http.Error(w, err.Error(), http.StatusServiceUnavailable)
		}
	})
}
