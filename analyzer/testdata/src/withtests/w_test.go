package withtests

import (
	"context"
	"time"
)

func helper(ctx context.Context) {
	time.Sleep(time.Second) // want `time.Sleep in helper`
}
