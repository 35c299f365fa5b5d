package generated

import (
	"net/http"
	"time"
)

// userWait is hand-written: reached only from the generated file, it
// is not reported.
func userWait() { // want userWait:`blocks\(sleep: time\.Sleep\)`
	time.Sleep(time.Second)
}

// handle is hand-written and calls the generated helper.
func handle(w http.ResponseWriter, r *http.Request) {
	genWait()
}
