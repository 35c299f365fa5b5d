package testsupport

import (
	"context"
	"testing"
	"time"
)

// Suite is test support written beside ordinary code: this file
// imports testing, so its findings are left to -tests.
type Suite struct{ T *testing.T }

// Wait sleeps although a context is at hand: by default, no finding.
func (s *Suite) Wait(ctx context.Context) {
	time.Sleep(time.Second)
}
