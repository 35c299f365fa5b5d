// Package fake is test support: it imports testing outside a test
// file, so its findings are left to -tests.
package fake

import (
	"context"
	"testing"
	"time"
)

// Server is a fake server for tests.
type Server struct{ t *testing.T }

// Wait sleeps although a context is at hand: by default, no finding.
func (s *Server) Wait(ctx context.Context) {
	time.Sleep(time.Second)
}
