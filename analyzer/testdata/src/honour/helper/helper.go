// Package helper pauses for its callers in another package.
package helper

import "time"

// Settle pauses once.
func Settle() { // want Settle:`blocks\(sleep: time\.Sleep\)`
	time.Sleep(20 * time.Millisecond)
}
