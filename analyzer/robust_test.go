package analyzer_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/blockcheck/blockcheck/analyzer"
	"golang.org/x/tools/go/analysis/analysistest"
)

// TestRobust runs blockcheck over shapes that stress the loader and the
// call graph rather than the rules: generics, build tags for other
// systems, cgo, generated files, assembly, //go:linkname, recursion,
// goroutine targets of every spelling, interfaces, labels, and a main
// that blocks forever. Each case carries its expectations or must stay
// silent.
func TestRobust(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), analyzer.New(withChan(analyzer.Config{})), "robust/...")
}

// TestRobustLarge writes, into a temporary GOPATH, a function of
// several thousand statements and a chain of calls two hundred deep
// that closes into a cycle, and checks that both are analysed, with
// their findings and facts, in reasonable time.
func TestRobustLarge(t *testing.T) {
	const (
		stmts = 3000 // statements of the large function
		depth = 200  // functions of the chain
	)
	dir := writeGOPATH(t, map[string]string{
		"large/big/big.go":     bigSource(stmts),
		"large/chain/chain.go": chainSource(depth),
	})

	start := time.Now()
	results := analysistest.Run(t, dir, analyzer.New(withChan(analyzer.Config{})), "large/big", "large/chain")
	t.Logf("analysed %d statements and a chain of %d calls in %v", stmts, depth, time.Since(start))

	// The finding at the end of the chain explains the whole path: the
	// entry point, then one hop per call.
	for _, r := range results {
		for _, d := range r.Diagnostics {
			if strings.HasPrefix(d.Message, "time.Sleep in f") {
				if got, want := len(d.Related), depth+1; got != want {
					t.Errorf("finding at the end of the chain: %d related positions, want %d", got, want)
				}
			}
		}
	}
}

// bigSource is one function with n statements of every common kind,
// and a sleep every 500 statements.
func bigSource(n int) string {
	var b strings.Builder
	b.WriteString(`package big

import (
	"context"
	"sync"
	"time"
)

var mu sync.Mutex

func big(ctx context.Context, in <-chan int) int {
	x := 0
`)
	for i := range n {
		if i%500 == 499 {
			b.WriteString("\ttime.Sleep(time.Millisecond) // want `^time\\.Sleep in big, which takes a context, ignores cancellation`\n")
			continue
		}
		switch i % 10 {
		case 0:
			fmt.Fprintf(&b, "\tx += %d\n", i)
		case 1:
			fmt.Fprintf(&b, "\tif x > %d {\n\t\tx -= %d\n\t} else {\n\t\tx++\n\t}\n", i, i)
		case 2:
			b.WriteString("\tselect {\n\tcase v := <-in:\n\t\tx += v\n\tcase <-ctx.Done():\n\t\treturn x\n\t}\n")
		case 3:
			b.WriteString("\tmu.Lock()\n")
		case 4:
			b.WriteString("\tx++\n")
		case 5:
			b.WriteString("\tmu.Unlock()\n")
		case 6:
			b.WriteString("\tgo func(n int) { _ = n }(x)\n")
		case 7:
			b.WriteString("\tfor j := 0; j < 2; j++ {\n\t\tx += j\n\t}\n")
		case 8:
			b.WriteString("\tswitch x % 3 {\n\tcase 0:\n\t\tx++\n\tdefault:\n\t\tx--\n\t}\n")
		case 9:
			b.WriteString("\tfunc() { x++ }()\n")
		}
	}
	b.WriteString("\treturn x\n}\n")
	return b.String()
}

// chainSource is a handler that calls f0, which calls f1, and so on to
// the last function, which sleeps and calls f0 again: every function of
// the chain blocks, and the sleep is found once.
func chainSource(depth int) string {
	var b strings.Builder
	b.WriteString(`package chain

import (
	"net/http"
	"time"
)

func handle(w http.ResponseWriter, r *http.Request) {
	f0(1)
}
`)
	for i := range depth {
		// The fact names the path to the sleep, clipped to four.
		var via []string
		for j := i + 1; j < depth; j++ {
			via = append(via, fmt.Sprintf("f%d", j))
		}
		if len(via) > 4 {
			via = append(via[:3], "...")
		}
		fact := "blocks(sleep: time.Sleep)"
		if len(via) > 0 {
			fact = "blocks(sleep: time.Sleep via " + strings.Join(via, " -> ") + ")"
		}
		fmt.Fprintf(&b, "\nfunc f%d(n int) { // want f%d:`^%s$`\n", i, i, regexp.QuoteMeta(fact))
		if i < depth-1 {
			fmt.Fprintf(&b, "\tf%d(n)\n}\n", i+1)
			continue
		}
		b.WriteString("\tif n > 0 {\n\t\tf0(n - 1)\n\t}\n")
		fmt.Fprintf(&b, "\ttime.Sleep(time.Millisecond) // want `^time\\.Sleep in f%d, reached from HTTP handler handle, ignores cancellation: pass a context to f%d`\n}\n", i, i)
	}
	return b.String()
}
