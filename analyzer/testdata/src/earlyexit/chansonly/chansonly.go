// Package chansonly has channel operations but makes no channel and
// exports no function with a channel parameter: without chanaudit,
// nothing in it can be a finding, and nothing in it is a fact.
package chansonly // want "nothing can block"

import "context"

func recv(ctx context.Context, ch chan int) int {
	go func() { ch <- 1 }()
	return <-ch
}
