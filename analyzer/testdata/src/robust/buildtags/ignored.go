//go:build ignore

// A file excluded by the ignore tag, in another package, that does not
// even type-check.
package main

import "time"

func main() {
	var x int = "not an int"
	time.Sleep(x)
}
