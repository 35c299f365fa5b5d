// Package cgo is loaded with or without cgo: without it, cgo.go is
// left out by its build constraint and this file remains.
package cgo
