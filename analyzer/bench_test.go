package analyzer_test

import (
	"fmt"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"strings"
	"testing"

	"github.com/blockcheck/blockcheck/analyzer"
	"golang.org/x/tools/go/analysis"
)

// The benchmarks run the analyzer on generated packages of growing size
// and shape, to show how its cost grows: it should about double when
// the code doubles, recursion and long chains included. Loading and
// type-checking happen once, outside the timed loop.

// shapes generates a package of n functions.
var shapes = map[string]func(n int) string{
	// Independent handlers, each calling a helper that sleeps.
	"flat": func(n int) string {
		var b strings.Builder
		for i := range n / 2 {
			fmt.Fprintf(&b, "func H%d(w http.ResponseWriter, r *http.Request) { h%d() }\n", i, i)
			fmt.Fprintf(&b, "func h%d() { time.Sleep(1) }\n", i)
		}
		return b.String()
	},
	// One chain: each function calls the next; the last sleeps; every
	// tenth takes a context.
	"chain": func(n int) string {
		var b strings.Builder
		for i := range n - 1 {
			param := ""
			if i%10 == 0 {
				param = "ctx context.Context"
			}
			fmt.Fprintf(&b, "func f%d(%s) { f%d(%s) }\n", i, param, i+1, map[bool]string{true: "context.TODO()", false: ""}[(i+1)%10 == 0])
		}
		fmt.Fprintf(&b, "func f%d() { time.Sleep(1) }\n", n-1)
		return b.String()
	},
	// Wide fan-out: one handler calls every function.
	"fanout": func(n int) string {
		var b strings.Builder
		b.WriteString("func H(w http.ResponseWriter, r *http.Request) {\n")
		for i := range n - 1 {
			fmt.Fprintf(&b, "\tg%d()\n", i)
		}
		b.WriteString("}\n")
		for i := range n - 1 {
			fmt.Fprintf(&b, "func g%d() { ch <- %d }\n", i, i)
		}
		return b.String()
	},
	// Recursion: cycles of three functions, each cycle reached from a
	// goroutine and ending in a sleep.
	"recursive": func(n int) string {
		var b strings.Builder
		for i := range n / 3 {
			fmt.Fprintf(&b, "func a%d(k int) { if k > 0 { b%d(k - 1) } }\n", i, i)
			fmt.Fprintf(&b, "func b%d(k int) { c%d(k); go a%d(k) }\n", i, i, i)
			fmt.Fprintf(&b, "func c%d(k int) { a%d(k); time.Sleep(1) }\n", i, i)
		}
		return b.String()
	},
}

const benchHeader = `package bench

import (
	"context"
	"net/http"
	"time"
)

var ch = make(chan int)

var _ = context.TODO
var _ = http.Get
var _ = time.Sleep
`

// importers are shared: the standard library's export data is read once.
var benchImporter = importer.ForCompiler(token.NewFileSet(), "source", nil)

func loadBench(b *testing.B, src string) *analysis.Pass {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "bench.go", src, parser.ParseComments|parser.SkipObjectResolution)
	if err != nil {
		b.Fatal(err)
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
	pkg, err := (&types.Config{Importer: benchImporter}).Check("example.com/bench", fset, []*ast.File{f}, info)
	if err != nil {
		b.Fatal(err)
	}
	return &analysis.Pass{
		Fset: fset, Files: []*ast.File{f}, Pkg: pkg, TypesInfo: info,
		TypesSizes:        types.SizesFor("gc", "amd64"),
		ResultOf:          map[*analysis.Analyzer]any{},
		Report:            func(analysis.Diagnostic) {},
		ImportObjectFact:  func(types.Object, analysis.Fact) bool { return false },
		ExportObjectFact:  func(types.Object, analysis.Fact) {},
		ImportPackageFact: func(*types.Package, analysis.Fact) bool { return false },
		ExportPackageFact: func(analysis.Fact) {},
		AllObjectFacts:    func() []analysis.ObjectFact { return nil },
		AllPackageFacts:   func() []analysis.PackageFact { return nil },
		ReadFile:          os.ReadFile,
	}
}

func BenchmarkAnalyzer(b *testing.B) {
	for _, shape := range []string{"flat", "chain", "fanout", "recursive"} {
		for _, n := range []int{100, 1000, 10000} {
			b.Run(fmt.Sprintf("%s/%d", shape, n), func(b *testing.B) {
				pass := loadBench(b, benchHeader+shapes[shape](n))
				a := analyzer.New(analyzer.Config{})
				pass.Analyzer = a
				for b.Loop() {
					if _, err := a.Run(pass); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
