// Command grpcserver serves gRPC from a function main calls.
package main

import (
	"net"
	"time"

	"google.golang.org/grpc"
)

func janitor() {
	for {
		time.Sleep(time.Minute) // want `time\.Sleep in the goroutine janitor started in main of a gRPC server ignores cancellation`
	}
}

func serve() error {
	lis, err := net.Listen("tcp", ":9090")
	if err != nil {
		return err
	}
	return grpc.NewServer().Serve(lis)
}

func main() {
	go janitor()
	if err := serve(); err != nil {
		panic(err)
	}
}
