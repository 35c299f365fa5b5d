package svc

import (
	"context"
	"testing"
	"time"
)

func helper(ctx context.Context) {
	time.Sleep(time.Second)
}

func TestReal(t *testing.T) {
	helper(context.Background())
}
