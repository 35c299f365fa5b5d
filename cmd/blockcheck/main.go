// Command blockcheck reports blocking operations that ignore
// cancellation on goroutine, handler and event-loop paths.
//
// Usage:
//
//	blockcheck [flags] packages...
//
// It takes the flags of every golang.org/x/tools analysis driver
// (-fix, -diff, -json, -c, -test) and blockcheck's own (-disable,
// -tests, -entry, -blocking). It also runs as a go vet tool:
//
//	go vet -vettool=$(command -v blockcheck) ./...
package main

import (
	"github.com/blockcheck/blockcheck/analyzer"
	"golang.org/x/tools/go/analysis/singlechecker"
)

func main() { singlechecker.Main(analyzer.New(analyzer.Config{})) }
