//go:build amd64

package asm

// add is implemented in add_amd64.s.
func add(a, b int) int

// spin is implemented in add_amd64.s.
func spin(n int)
