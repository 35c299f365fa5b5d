// Package asm calls a function implemented in assembly on amd64 (and in
// Go elsewhere): a declaration without a body is no function to walk.
package asm

import (
	"context"
	"net/http"
)

func handle(w http.ResponseWriter, r *http.Request) {
	_ = add(1, 2)
	go spin(3)
}

func run(ctx context.Context) int {
	f := add
	return f(4, 5)
}
