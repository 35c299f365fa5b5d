// Package linkname reaches runtime functions through //go:linkname:
// declarations without a body, which are not walked.
package linkname

import (
	"context"
	"net/http"
	_ "unsafe" // for go:linkname
)

//go:linkname nanotime runtime.nanotime
func nanotime() int64

//go:linkname fastrand runtime.fastrand
func fastrand() uint32

func handle(w http.ResponseWriter, r *http.Request) {
	start := nanotime()
	_ = fastrand()
	for nanotime()-start < 1000 {
	}
}

func poll(ctx context.Context) {
	go nanotime()
	defer fastrand()
}
