// Package usesfact has no channel operation and imports nothing from
// the catalog; only helper's fact says it can block.
package usesfact

import (
	"context"

	"earlyexit/helper"
)

func Handle(ctx context.Context, ch chan struct{}) {
	helper.Wait(ch) // want "call to helper.Wait in Handle"
}
