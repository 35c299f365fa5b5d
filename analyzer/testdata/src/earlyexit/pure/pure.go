package pure // want "nothing can block"

import (
	"context"
	"strings"
)

// Upper takes a context, so it is an entry point, but nothing in the
// package can block.
func Upper(ctx context.Context, s string) string {
	return strings.ToUpper(s)
}

func spawn() {
	f := func() {}
	f()
}
