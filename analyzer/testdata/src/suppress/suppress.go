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

func spacedIgnore(ctx context.Context) {
	// blockcheck:ignore the space makes this a plain comment // want `^// blockcheck:ignore is not a directive: write //blockcheck:ignore without a space$`
	time.Sleep(time.Second) // want `time.Sleep in spacedIgnore`
}

// spacedEntry is no entry point: the space makes its directive a plain
// comment.
//
// blockcheck:entry // want `^// blockcheck:entry is not a directive: write //blockcheck:entry without a space$`
func spacedEntry() { // want spacedEntry:"blocks"
	time.Sleep(time.Second)
}

// blockcheck:ignores in prose, a word longer than the directive, are
// no hint.
func prose(ctx context.Context) {
	time.Sleep(time.Second) // want `time.Sleep in prose`
}
