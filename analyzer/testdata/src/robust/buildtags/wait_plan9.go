//go:build plan9

package buildtags

import "time"

// On plan9 the wait sleeps; this file is not loaded here.
func platformWait() {
	time.Sleep(time.Second)
}

var platformName = 9
