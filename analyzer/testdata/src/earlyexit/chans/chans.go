package chans

func Recv(ch chan int) int { return <-ch } // want Recv:`blocks\(chanaudit: receive from ch\)`
