// Command sigwait runs until it is signalled: main itself waits on
// the channel signal.Notify delivers to, so its workers are entry
// points.
package main

import (
	"os"
	"os/signal"
	"syscall"
	"time"
)

func flush() {
	for {
		time.Sleep(time.Minute) // want `time\.Sleep in the goroutine flush started in main of a program that runs until it is signalled ignores cancellation`
	}
}

func main() {
	go flush()
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, syscall.SIGTERM, os.Interrupt)
	<-sigs
}
