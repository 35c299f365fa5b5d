package helper

func Wait(ch chan struct{}) { <-ch }
