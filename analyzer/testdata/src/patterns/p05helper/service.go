// Package p05helper: a careful function with a context calls a helper
// that blocks without one, in this package or in another.
package p05helper

import (
	"context"
	"io"
	"net/http"

	"patterns/p05helper/backoff"
	"patterns/p05helper/store"
)

// Profile is what the service returns.
type Profile struct {
	Name   string
	Avatar []byte
}

// Service looks up profiles.
type Service struct {
	db     *store.DB
	client *http.Client
	dir    string
}

// Profile has a context, but calls store.LoadUser, not its twin.
func (s *Service) Profile(ctx context.Context, id string) (*Profile, error) {
	u, err := s.db.LoadUser(id) // want `call to \(\*store\.DB\)\.LoadUser in \(\*Service\)\.Profile, which takes a context, blocks in \(\*sql\.DB\)\.QueryRow, which,? ignores cancellation: call its twin LoadUserContext with ctx`
	if err != nil {
		return nil, err
	}
	return &Profile{Name: u.Name}, nil
}

// ProfileCtx is the clean twin.
func (s *Service) ProfileCtx(ctx context.Context, id string) (*Profile, error) {
	u, err := s.db.LoadUserContext(ctx, id)
	if err != nil {
		return nil, err
	}
	_ = store.Key(id)
	_ = backoff.Delay(1)
	return &Profile{Name: u.Name}, nil
}

// Avatar is an HTTP handler whose same-package helper does the request
// without the request's context.
func (s *Service) Avatar(w http.ResponseWriter, r *http.Request) {
	data, err := s.fetchAvatar(r.FormValue("url"))
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	w.Write(data)
}

func (s *Service) fetchAvatar(url string) ([]byte, error) { // want fetchAvatar:`blocks\(http: \(\*http\.Client\)\.Get\)`
	resp, err := s.client.Get(url) // want `\(\*http\.Client\)\.Get in \(\*Service\)\.fetchAvatar, reached from HTTP handler \(\*Service\)\.Avatar,? ignores cancellation: pass a context to \(\*Service\)\.fetchAvatar`
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	return io.ReadAll(resp.Body)
}

// AvatarCtx is the clean twin: the helper takes the context.
func (s *Service) AvatarCtx(w http.ResponseWriter, r *http.Request) {
	data, err := s.fetchAvatarCtx(r.Context(), r.FormValue("url"))
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	w.Write(data)
}

func (s *Service) fetchAvatarCtx(ctx context.Context, url string) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	resp, err := s.client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	return io.ReadAll(resp.Body)
}
