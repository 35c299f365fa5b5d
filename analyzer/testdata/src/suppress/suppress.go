package suppress

import (
	"context"
	"net/http"
	"time"
)

func sameLine(ctx context.Context) {
	time.Sleep(time.Second) //blockcheck:ignore the caller bounds this with a one-second budget
}

func lineAbove(ctx context.Context) {
	//blockcheck:ignore warm-up pause, measured and accepted
	time.Sleep(time.Second)
	time.Sleep(time.Second) // want `time.Sleep in lineAbove`
}

// wholeFunction pauses on purpose.
//
//blockcheck:ignore this handler is a test fixture endpoint that must be slow
func wholeFunction(w http.ResponseWriter, r *http.Request) {
	time.Sleep(time.Second)
	pause()
}

// pause is reached only from wholeFunction, whose ignore covers it.
func pause() { // want pause:"blocks"
	time.Sleep(time.Second)
}

func noReason(ctx context.Context) {
	time.Sleep(time.Second) //blockcheck:ignore // want `time.Sleep in noReason` `blockcheck:ignore needs a reason`
}

func notADirective(ctx context.Context) {
	time.Sleep(time.Second) //blockcheck:ignored is not the directive // want `time.Sleep in notADirective`
}
