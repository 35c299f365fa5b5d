package analyzer_test

import (
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/blockcheck/blockcheck/analyzer"
	"golang.org/x/tools/go/analysis/analysistest"
)

// The matrix test writes one package per entry kind, and in it one
// function per rule family with the blocking operation (flagged) and
// one with its context-aware twin (silent), then checks both the
// messages and the categories. Every entry kind meets every family.

// family is one rule family's operation, wrong and right, written
// where a context.Context named ctx is in scope.
type family struct {
	name  string // the category expected
	wrong string // one line, flagged
	want  string // regexp of the message's start
	right string // its twin, silent
}

var families = []family{
	{"sleep", `time.Sleep(time.Second)`, `time\.Sleep`,
		`t := time.NewTimer(time.Second); defer t.Stop(); select { case <-ctx.Done(): case <-t.C: }`},
	{"chanaudit", `jobs <- 1`, `send on jobs`,
		`select { case jobs <- 1: case <-ctx.Done(): }`},
	{"sync", `cond.Wait()`, `\(\*sync\.Cond\)\.Wait`,
		`select { case <-ready: case <-ctx.Done(): }`},
	{"http", `_, _ = http.Get("http://example.com")`, `http\.Get`,
		`hreq, _ := http.NewRequestWithContext(ctx, "GET", "http://example.com", nil); _, _ = http.DefaultClient.Do(hreq)`},
	{"sql", `_, _ = db.Query("select 1")`, `\(\*sql\.DB\)\.Query`,
		`_, _ = db.QueryContext(ctx, "select 1")`},
	{"exec", `_ = exec.Command("true").Run()`, `exec\.Command`,
		`_ = exec.CommandContext(ctx, "true").Run()`},
	{"net", `_, _ = net.Dial("tcp", "localhost:1")`, `net\.Dial`,
		`_, _ = (&net.Dialer{}).DialContext(ctx, "tcp", "localhost:1")`},
	{"syscall", `_ = syscall.Flock(0, syscall.LOCK_EX)`, `syscall\.Flock`,
		`_ = syscall.Getpid()`},
	{"custom", `limiter.Take()`, `\(\*rate\.Limiter\)\.Take`,
		`_ = limiter.Wait(ctx)`},
}

// entry is one kind of entry point: a template whose BODY is replaced
// by a family's line, the phrase the message names it by, and the
// category it imposes (event loops and critical sections have their
// own).
type entry struct {
	name     string
	template string // declares func NAME; uses ctx; BODY is the operation; FACT(F) where F's fact is expected
	phrase   string // regexp
	category string // "" keeps the family's
}

var entries = []entry{
	{"gostmt", `func NAME(ctx context.Context) { go func() { BODY }() }`, `in the goroutine started in NAME`, ""},
	{"gonamed", `func NAME(ctx context.Context) { go NAME_run(ctx) }
func NAME_run(ctx context.Context) { BODY }`, `in the goroutine NAME_run started in NAME`, ""},
	{"errgroup", `func NAME(ctx context.Context) error { var g errgroup.Group; g.Go(func() error { BODY; return nil }); return g.Wait() }`, `in the errgroup goroutine started in NAME`, ""},
	{"wggo", `func NAME(ctx context.Context) { var wg sync.WaitGroup; wg.Go(func() { BODY }); wg.Wait() }`, `in the WaitGroup goroutine started in NAME`, ""},
	{"afterfunc", `func NAME(ctx context.Context) { time.AfterFunc(time.Second, func() { BODY }) }`, `in the time.AfterFunc callback set in NAME`, ""},
	{"ctxafterfunc", `func NAME(ctx context.Context) { context.AfterFunc(ctx, func() { BODY }) }`, `in the context.AfterFunc callback set in NAME`, ""},
	{"handler", `func NAME(w http.ResponseWriter, r *http.Request) { ctx := r.Context(); _ = ctx; BODY }`, `in HTTP handler NAME`, ""},
	{"servehttp", `type NAME struct{}
func (NAME) ServeHTTP(w http.ResponseWriter, r *http.Request) { ctx := r.Context(); _ = ctx; BODY }`, `in HTTP handler \(NAME\)\.ServeHTTP`, ""},
	{"handlefunc", `func NAME(mux *http.ServeMux) { mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) { ctx := r.Context(); _ = ctx; BODY }) }`, `in HTTP handler \(func literal in NAME\)`, ""},
	{"handlerfunc", `var NAME = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { ctx := r.Context(); _ = ctx; BODY })`, `in HTTP handler \(package-level func literal\)`, ""},
	{"grpc", `type NAME struct{}
func (NAME) Get(ctx context.Context, req *Req) (*Resp, error) { BODY; return nil, nil }`, `in gRPC method \(NAME\)\.Get`, ""},
	{"stream", `type NAME struct{}
func (NAME) Watch(req *Req, stream Stream) error { ctx := stream.Context(); _ = ctx; BODY; return nil }`, `in streaming RPC method \(NAME\)\.Watch`, ""},
	{"ctxfunc", `func NAME(ctx context.Context, n int) { BODY }`, `in NAME, which takes a context`, ""},
	{"directive", `//blockcheck:entry
func NAME() { ctx := context.TODO(); _ = ctx; FACT(NAME)BODY }`, `in entry point NAME`, ""},
	{"flagentry", `func NAME() { ctx := context.TODO(); _ = ctx; FACT(NAME)BODY }`, `in entry point NAME`, ""},
	{"eventloop", `func NAME(ctx context.Context) { for { select { case <-events: BODY; case <-ctx.Done(): return } } }`, `in a case of the event loop in NAME stalls every other case`, "eventloop"},
	{"lock", `func NAME(ctx context.Context) { mu.Lock(); defer mu.Unlock(); BODY }`, `while mu is held in NAME`, "sync"},
	{"helper", `func NAME(ctx context.Context) { NAME_helper(ctx) }
func NAME_helper(ctx context.Context) { NAME_inner() }
func NAME_inner() { ctx := context.TODO(); _ = ctx; FACT(NAME_inner)BODY }`, `in NAME_inner, reached from NAME_helper, which takes a context`, ""},
}

const matrixHeader = `package %s

import (
	"context"
	"database/sql"
	"net"
	"net/http"
	"os/exec"
	"sync"
	"syscall"
	"time"

	"golang.org/x/sync/errgroup"
	"example.com/rate"
)

var (
	jobs    = make(chan int)
	events  = make(chan int)
	ready   = make(chan struct{})
	cond    = sync.NewCond(&sync.Mutex{})
	mu      sync.Mutex
	db      *sql.DB
	limiter *rate.Limiter
)

type Req struct{}
type Resp struct{}

type Stream interface {
	Send(*Resp) error
	Context() context.Context
}

var (
	_ = errgroup.Group{}
	_ = exec.Command
	_ = net.Dial
	_ = syscall.Getpid
	_ = http.Get
)
`

var matrixStubs = map[string]string{
	"golang.org/x/sync/errgroup/errgroup.go": `package errgroup

type Group struct{}

func (g *Group) Go(f func() error)         {}
func (g *Group) TryGo(f func() error) bool { return true }
func (g *Group) Wait() error               { return nil }
`,
	"example.com/rate/rate.go": `package rate

import "context"

type Limiter struct{}

func (l *Limiter) Take()                          {}
func (l *Limiter) Wait(ctx context.Context) error { return nil }
`,
}

// writeGOPATH writes files (paths relative to src/) into a new
// temporary GOPATH tree for analysistest and returns its root.
func writeGOPATH(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		path := filepath.Join(dir, "src", name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

var factRE = regexp.MustCompile(`FACT\((\w+)\)`)

func TestMatrix(t *testing.T) {
	files := maps.Clone(matrixStubs)
	wantCategory := map[string]string{} // "file:line" -> category
	var pkgs []string
	for _, e := range entries {
		pkg := "matrix/" + e.name
		pkgs = append(pkgs, pkg)
		var b strings.Builder
		fmt.Fprintf(&b, matrixHeader, e.name)
		line := strings.Count(b.String(), "\n") + 1
		for _, f := range families {
			for _, twin := range []string{"wrong", "right"} {
				name := twin + "_" + f.name
				if e.name == "servehttp" || e.name == "grpc" || e.name == "stream" {
					name = strings.ToUpper(name[:1]) + name[1:]
				}
				body := f.right
				phrase, cat := e.phrase, e.category
				if e.name == "lock" && f.name == "sync" {
					// Cond.Wait unlocks while it waits: no finding of
					// the critical section, only of the context.
					phrase, cat = "in NAME, which takes a context", ""
				}
				if twin == "wrong" {
					body = f.wrong + " // want `^" + f.want + ".* " + strings.ReplaceAll(phrase, "NAME", name) + "`"
				}
				// A function without a context that blocks exports a
				// fact saying so; its twin exports none.
				fact := ""
				if twin == "wrong" {
					fact = "// want $1:\"blocks\\\\(" + f.name + ": \""
				}
				src := factRE.ReplaceAllString(e.template, fact)
				src = strings.ReplaceAll(strings.ReplaceAll(src, "BODY", "\n"+body+"\n"), "NAME", name)
				// The operation is on the line after the first
				// line break that BODY's replacement adds.
				opLine := line + 1 + strings.Count(src[:strings.Index(src, body)], "\n")
				if twin == "wrong" {
					if cat == "" {
						cat = f.name
					}
					wantCategory[fmt.Sprintf("%s.go:%d", e.name, opLine)] = cat
				}
				b.WriteString("\n" + src + "\n")
				line += strings.Count(src, "\n") + 2
			}
		}
		files[pkg+"/"+e.name+".go"] = b.String()
	}
	dir := writeGOPATH(t, files)
	cfg := withChan(analyzer.Config{
		Blocking: []analyzer.Blocking{{Func: "(*example.com/rate.Limiter).Take", Alternative: "use Wait(ctx)"}},
	})
	for _, f := range families {
		cfg.Entries = append(cfg.Entries, "matrix/flagentry.wrong_"+f.name, "matrix/flagentry.right_"+f.name)
	}
	results := analysistest.Run(t, dir, analyzer.New(cfg), pkgs...)
	seen := 0
	for _, r := range results {
		for _, d := range r.Diagnostics {
			p := r.Pass.Fset.Position(d.Pos)
			key := fmt.Sprintf("%s:%d", filepath.Base(p.Filename), p.Line)
			if want, ok := wantCategory[key]; ok {
				seen++
				if d.Category != want {
					t.Errorf("%s: category %q, want %q (%s)", key, d.Category, want, d.Message)
				}
			}
			if len(d.Related) == 0 {
				t.Errorf("%s: no related positions for the path from the entry point", key)
			}
		}
	}
	if seen != len(wantCategory) {
		t.Logf("want categories at %v", wantCategory)
		t.Errorf("checked the category of %d findings, want %d", seen, len(wantCategory))
	}
}
