package svc

import (
	"context"
	"time"
)

func Real(ctx context.Context) {
	time.Sleep(time.Second) // want `time.Sleep in Real`
}
