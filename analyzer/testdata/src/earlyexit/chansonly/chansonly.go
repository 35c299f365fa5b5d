package chansonly // want "nothing can block"

import "context"

func Recv(ctx context.Context, ch chan int) int {
	go func() { ch <- 1 }()
	return <-ch
}
