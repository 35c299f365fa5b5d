package analyzer

import (
	"fmt"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"runtime"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
)

// TestWorkGrowsWithFindings: twice the findings, about twice the work.
// The work is counted, not timed: the steps the analysis counts
// (workCount: the syntax nodes it looks at, the entries it examines in
// its lookups), the bytes it reads and the bytes it allocates, on a
// generated package of n and of 2n units of every shape that once cost
// more per finding the more findings there were: functions that take a
// context and block three times, one function with many blocking calls
// and sleeps to fix, many goroutines, lock regions, event loop cases,
// Cond waits, receives from a mailbox, handshake replies, len guards,
// nil-context guards, and a long chain of helpers that export facts.
// The count is global: the test must not run in parallel with others.
func TestWorkGrowsWithFindings(t *testing.T) {
	const n = 300
	small := measureWork(t, n)
	large := measureWork(t, 2*n)
	t.Logf("n=%d: %+v", n, small)
	t.Logf("n=%d: %+v", 2*n, large)
	if small.findings != 9*n+2 || large.findings != 18*n+2 {
		t.Fatalf("findings: %d for n=%d, %d for n=%d: the generated package no longer finds what it should", small.findings, n, large.findings, 2*n)
	}
	for _, c := range []struct {
		what         string
		small, large int64
		most         float64
	}{
		{"steps of work", small.steps, large.steps, 2.2},
		{"bytes allocated", small.alloc, large.alloc, 2.4},
	} {
		if r := float64(c.large) / float64(c.small); r > c.most {
			t.Errorf("%s grew %.2f times (%d -> %d) when the findings doubled: something is done once per finding over the whole package, or per pair of findings", c.what, r, c.small, c.large)
		}
	}
	if large.read > large.size {
		t.Errorf("read %d bytes of files of %d bytes: each file should be read once", large.read, large.size)
	}
}

// workDone is what one analysis did.
type workDone struct {
	findings   int
	steps      int64 // of work, as the analysis counts them (workCount)
	alloc      int64 // bytes allocated
	read, size int64 // bytes read through pass.ReadFile, and the files' size
}

var scaleImporter = importer.ForCompiler(token.NewFileSet(), "gc", nil)

// measureWork analyses the generated package of n units.
func measureWork(t *testing.T, n int) workDone {
	t.Helper()
	fset := token.NewFileSet()
	var files []*ast.File
	src := map[string][]byte{}
	var w workDone
	for i, text := range scaleSource(n) {
		name := fmt.Sprintf("scale%d.go", i)
		f, err := parser.ParseFile(fset, name, text, parser.ParseComments|parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
		src[name] = []byte(text)
		w.size += int64(len(text))
	}
	info := &types.Info{
		Types:      map[ast.Expr]types.TypeAndValue{},
		Defs:       map[*ast.Ident]types.Object{},
		Uses:       map[*ast.Ident]types.Object{},
		Implicits:  map[ast.Node]types.Object{},
		Selections: map[*ast.SelectorExpr]*types.Selection{},
		Scopes:     map[ast.Node]*types.Scope{},
		Instances:  map[*ast.Ident]types.Instance{},
	}
	pkg, err := (&types.Config{Importer: scaleImporter}).Check("example.com/scale", fset, files, info)
	if err != nil {
		t.Fatal(err)
	}
	a := New(Config{Enable: []Family{ChanAudit}})
	pass := &analysis.Pass{
		Analyzer: a, Fset: fset, Files: files, Pkg: pkg, TypesInfo: info,
		TypesSizes: types.SizesFor("gc", "amd64"),
		ResultOf:   map[*analysis.Analyzer]any{},
		Report: func(d analysis.Diagnostic) {
			w.findings++
			if d.Category == "internal" {
				t.Fatal(d.Message)
			}
		},
		ReadFile: func(name string) ([]byte, error) {
			w.read += int64(len(src[name]))
			return src[name], nil
		},
		ImportObjectFact:  func(types.Object, analysis.Fact) bool { return false },
		ExportObjectFact:  func(types.Object, analysis.Fact) {},
		ImportPackageFact: func(*types.Package, analysis.Fact) bool { return false },
		ExportPackageFact: func(analysis.Fact) {},
		AllObjectFacts:    func() []analysis.ObjectFact { return nil },
		AllPackageFacts:   func() []analysis.PackageFact { return nil },
	}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	workCount.n.Store(0)
	workCount.on.Store(true)
	_, err = a.Run(pass)
	workCount.on.Store(false)
	runtime.ReadMemStats(&after)
	if err != nil {
		t.Fatal(err)
	}
	w.steps = workCount.n.Load()
	w.alloc = int64(after.TotalAlloc - before.TotalAlloc)
	return w
}

// scaleSource generates the files of a package with n units of each
// shape.
func scaleSource(n int) []string {
	var a, b strings.Builder
	const header = `package scale

import (
	"context"
	"database/sql"
	"net/http"
	"sync"
	"time"
)

var (
	_ = context.TODO
	_ = sql.Open
	_ = http.Get
	_ = sync.NewCond
	_ = time.Sleep
)
`
	a.WriteString(header)
	b.WriteString(header)

	// Functions taking a context, each checking it for nil and then
	// blocking three times: three findings, two with fixes.
	for i := range n {
		fmt.Fprintf(&a, `
func F%d(ctx context.Context, db *sql.DB, url, q string) error {
	if ctx == nil {
		return nil
	}
	time.Sleep(time.Second)
	if _, err := http.Get(url); err != nil {
		return err
	}
	_, err := db.Query(q)
	return err
}
`, i)
	}

	// One function with many blocking calls, the sleeps in one block.
	a.WriteString("\nfunc Big(ctx context.Context, db *sql.DB, url, q string) {\n")
	for range n {
		a.WriteString("\ttime.Sleep(time.Second)\n\thttp.Get(url)\n\tdb.Query(q)\n")
	}
	a.WriteString("}\n")

	// One function starting many goroutines.
	b.WriteString("\nfunc Spawn(ctx context.Context) {\n")
	for range n {
		b.WriteString("\tgo func() { time.Sleep(time.Second) }()\n")
	}
	b.WriteString("}\n")

	// A struct with a lock, a Cond closed by a flag, a mailbox and a
	// reply channel.
	b.WriteString(`
type box struct {
	mu     sync.Mutex
	cond   *sync.Cond
	closed bool
	mail   chan int
	out    chan int
	stop   chan struct{}
}

var theBox = &box{mail: make(chan int, 16), out: make(chan int)}

func (x *box) Close() {
	x.mu.Lock()
	x.closed = true
	x.cond.Broadcast()
	x.mu.Unlock()
}

func (x *box) Put(ctx context.Context) { x.mail <- 1 }
`)
	// Many lock regions in one function.
	b.WriteString("\nfunc (x *box) Locked(ctx context.Context) {\n")
	for range n {
		b.WriteString("\tx.mu.Lock()\n\ttime.Sleep(time.Second)\n\tx.mu.Unlock()\n")
	}
	b.WriteString("}\n")
	// Many Cond waits woken by Close.
	b.WriteString("\nfunc (x *box) Waits() {\n\tx.mu.Lock()\n\tdefer x.mu.Unlock()\n\tif x.closed {\n\t\treturn\n\t}\n")
	for range n {
		b.WriteString("\tx.cond.Wait()\n")
	}
	b.WriteString("}\n")
	// Many receives from the mailbox, none of them a known drain.
	b.WriteString("\nfunc (x *box) Take() {\n")
	for range n {
		b.WriteString("\t<-x.mail\n")
	}
	b.WriteString("}\n")
	// Handshake replies and len guards.
	b.WriteString("\nfunc (x *box) Serve(ctx context.Context) {\n")
	for range n {
		b.WriteString("\tselect {\n\tcase <-x.stop:\n\t\tx.stop <- struct{}{}\n\tcase <-ctx.Done():\n\t\treturn\n\t}\n")
		b.WriteString("\tif len(x.out) > 0 {\n\t\t<-x.out\n\t}\n")
	}
	b.WriteString("}\n")

	// An event loop with many cases, each blocking.
	for i := range n {
		fmt.Fprintf(&b, "\nvar c%d = make(chan int)\n", i)
	}
	b.WriteString("\nfunc Loop(quit chan struct{}) {\n\tfor {\n\t\tselect {\n\t\tcase <-quit:\n\t\t\treturn\n")
	for i := range n {
		fmt.Fprintf(&b, "\t\tcase <-c%d:\n\t\t\ttime.Sleep(time.Second)\n", i)
	}
	b.WriteString("\t\t}\n\t}\n}\n")

	// A chain of helpers, each exporting a fact, the last sleeping.
	b.WriteString("\nfunc Chain(ctx context.Context) { h0() }\n")
	for i := range 3*n - 1 {
		fmt.Fprintf(&b, "\nfunc h%d() { h%d() }\n", i, i+1)
	}
	fmt.Fprintf(&b, "\nfunc h%d() { time.Sleep(time.Second) }\n", 3*n-1)
	return []string{a.String(), b.String()}
}
