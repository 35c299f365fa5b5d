// Package notmain has a function named main that serves HTTP: in a
// package other than main it is an ordinary function, whose goroutines
// are entry points as anywhere else, named as such.
package notmain

import (
	"net/http"
	"time"
)

func cleanup() { // want cleanup:"blocks"
	for {
		time.Sleep(time.Minute) // want `^time\.Sleep in the goroutine cleanup started in main ignores cancellation`
	}
}

func main() {
	go cleanup()
	http.ListenAndServe(":8080", nil)
}
