// Package retry sleeps between attempts without a context: the fact
// it exports is what a caller with a context at hand sees of it.
package retry

import "time"

func Pause() { // want Pause:`blocks\(sleep: time.Sleep\)`
	time.Sleep(time.Second)
}
