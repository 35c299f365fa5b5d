package analyzer_test

import (
	"bytes"
	"cmp"
	"encoding/gob"
	"errors"
	"fmt"
	"go/ast"
	"go/build"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/blockcheck/blockcheck/analyzer"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/astutil"
)

// FuzzAnalyzer runs blockcheck over single-file packages that import
// only the standard library. The analysis must not panic (a panic it
// recovers from becomes an "internal" finding, which counts as one),
// must not fail, must be deterministic, and must report inside the
// file; every suggested fix must be well formed, the file it produces
// must still parse and type-check, and a fix that puts a channel
// operation into a select must make that operation one of its cases.
//
// The seeds are the Go files of testdata/src that type-check on their
// own, and a few shapes of the rewrites the fixes make.
//
// BLOCKCHECK_FUZZ_KNOWN, a regular expression, names failures already
// reported: an input that fails with a matching message is skipped, so
// that a fuzzing run looks for new ones.
func FuzzAnalyzer(f *testing.F) {
	fz := fuzzEnv()
	err := filepath.WalkDir(filepath.Join("testdata", "src"), func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if _, err := fz.load("seed.go", string(data)); err == nil {
			f.Add(string(data))
		}
		return nil
	})
	if err != nil {
		f.Fatal(err)
	}
	for _, src := range fuzzSeeds {
		f.Add(src)
	}
	var known *regexp.Regexp
	if k := os.Getenv("BLOCKCHECK_FUZZ_KNOWN"); k != "" {
		known = regexp.MustCompile(k)
	}
	f.Fuzz(func(t *testing.T, src string) {
		fz.check(&fuzzT{T: t, known: known}, src)
	})
}

// fuzzT reports the failures of one input, skipping it instead when
// the failure is a known one.
type fuzzT struct {
	*testing.T
	known *regexp.Regexp
}

func (t *fuzzT) Errorf(format string, args ...any) {
	t.Helper()
	msg := fmt.Sprintf(format, args...)
	if t.known != nil && t.known.MatchString(msg) {
		t.Skipf("known failure: %s", msg)
	}
	t.Error(msg)
}

func (t *fuzzT) Fatalf(format string, args ...any) {
	t.Helper()
	t.Errorf(format, args...)
	t.FailNow()
}

// maxFuzzInput bounds the inputs worth analysing: larger ones cost time
// and say nothing the small ones do not.
const maxFuzzInput = 32 << 10

// fuzzer holds what every input of a process shares: the file set,
// the importer and its packages, and the analyzer.
type fuzzer struct {
	mu    sync.Mutex // the importer is not safe for concurrent use
	fset  *token.FileSet
	imp   *stdImporter
	sizes types.Sizes
	a     *analysis.Analyzer
}

var fuzzEnv = sync.OnceValue(func() *fuzzer {
	fset := token.NewFileSet()
	return &fuzzer{
		fset:  fset,
		imp:   &stdImporter{imp: importer.ForCompiler(fset, "gc", nil), std: stdPackages(), failed: map[string]error{}},
		sizes: types.SizesFor("gc", "amd64"),
		a:     analyzer.New(withChan(analyzer.Config{})),
	}
})

// stdImporter imports the packages of the standard library from their
// export data, and nothing else: an import path the fuzzer made up
// fails at once, without looking for it.
type stdImporter struct {
	imp    types.Importer
	std    map[string]bool // nil when go list failed: then try anything
	failed map[string]error
}

func (i *stdImporter) Import(path string) (*types.Package, error) {
	if i.std != nil && !i.std[path] {
		return nil, fmt.Errorf("%q is not a package of the standard library", path)
	}
	if err := i.failed[path]; err != nil {
		return nil, err
	}
	pkg, err := i.imp.Import(path)
	if err != nil {
		i.failed[path] = err
	}
	return pkg, err
}

func stdPackages() map[string]bool {
	out, err := exec.Command(filepath.Join(build.Default.GOROOT, "bin", "go"), "list", "std").Output()
	if err != nil {
		return nil
	}
	std := map[string]bool{}
	for _, p := range strings.Fields(string(out)) {
		std[p] = true
	}
	return std
}

// unit is one type-checked single-file package.
type unit struct {
	src  string
	file *ast.File
	tf   *token.File
	pkg  *types.Package
	info *types.Info
}

// load parses and type-checks src as a package of its own. The file is
// removed from the file set again when its unit is released.
func (fz *fuzzer) load(name, src string) (*unit, error) {
	fz.mu.Lock()
	defer fz.mu.Unlock()
	base := fz.fset.Base()
	file, err := parser.ParseFile(fz.fset, name, src, parser.ParseComments|parser.SkipObjectResolution)
	// The parsed file is the one added since base; the importer may add
	// files of its own later, which stay.
	var tf *token.File
	fz.fset.Iterate(func(f *token.File) bool {
		if f.Base() >= base {
			tf = f
			return false
		}
		return true
	})
	u := &unit{src: src, file: file, tf: tf}
	if err != nil {
		fz.release(u)
		return nil, err
	}
	u.info = &types.Info{
		Types:        map[ast.Expr]types.TypeAndValue{},
		Instances:    map[*ast.Ident]types.Instance{},
		Defs:         map[*ast.Ident]types.Object{},
		Uses:         map[*ast.Ident]types.Object{},
		Implicits:    map[ast.Node]types.Object{},
		Selections:   map[*ast.SelectorExpr]*types.Selection{},
		Scopes:       map[ast.Node]*types.Scope{},
		FileVersions: map[*ast.File]string{},
	}
	conf := types.Config{
		Importer: fz.imp,
		Sizes:    fz.sizes,
		Error:    func(error) {}, // all errors, not just the first
	}
	u.pkg, err = typeCheck(&conf, fz.fset, "fuzz/"+file.Name.Name, file, u.info)
	if err != nil {
		err = errors.New(err.Error()) // with its position, before the file goes
		fz.release(u)
		return nil, err
	}
	return u, nil
}

// typeCheck runs the type checker, turning a panic of its own (not of
// the analyzer's) into an error: such an input is skipped.
func typeCheck(conf *types.Config, fset *token.FileSet, path string, file *ast.File, info *types.Info) (pkg *types.Package, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("type checker panic: %v", p)
		}
	}()
	return conf.Check(path, fset, []*ast.File{file}, info)
}

func (fz *fuzzer) release(u *unit) {
	if u != nil && u.tf != nil {
		fz.fset.RemoveFile(u.tf)
	}
}

// result is what one run of the analyzer produced.
type result struct {
	diags []analysis.Diagnostic
	facts []string
}

// run analyses a unit through a minimal pass: no facts to import,
// facts exported are recorded (and must encode), every diagnostic is
// collected.
func (fz *fuzzer) run(t *fuzzT, a *analysis.Analyzer, u *unit) result {
	var res result
	factTypes := map[reflect.Type]bool{}
	for _, f := range a.FactTypes {
		factTypes[reflect.TypeOf(f)] = true
	}
	pass := &analysis.Pass{
		Analyzer:   a,
		Fset:       fz.fset,
		Files:      []*ast.File{u.file},
		Pkg:        u.pkg,
		TypesInfo:  u.info,
		TypesSizes: fz.sizes,
		Module:     nil,
		ResultOf:   map[*analysis.Analyzer]any{},
		// The file is in memory only: serve it from there, as a
		// driver serves what it has read.
		ReadFile: func(name string) ([]byte, error) {
			if name == u.tf.Name() {
				return []byte(u.src), nil
			}
			return os.ReadFile(name)
		},
		Report: func(d analysis.Diagnostic) { res.diags = append(res.diags, d) },
		ImportObjectFact: func(types.Object, analysis.Fact) bool {
			return false
		},
		ImportPackageFact: func(*types.Package, analysis.Fact) bool {
			return false
		},
		ExportObjectFact: func(obj types.Object, fact analysis.Fact) {
			if obj == nil || obj.Pkg() != u.pkg {
				t.Errorf("fact %v exported for %v, which is not an object of the package", fact, obj)
				return
			}
			if !factTypes[reflect.TypeOf(fact)] {
				t.Errorf("fact of undeclared type %T exported for %v", fact, obj)
				return
			}
			if err := gob.NewEncoder(new(bytes.Buffer)).Encode(fact); err != nil {
				t.Errorf("fact %v of %v does not encode: %v", fact, obj, err)
			}
			res.facts = append(res.facts, fmt.Sprintf("%s %s: %v", fz.fset.Position(obj.Pos()), obj.Name(), fact))
		},
		ExportPackageFact: func(fact analysis.Fact) {
			t.Errorf("package fact %v exported: blockcheck declares none", fact)
		},
		AllObjectFacts:  func() []analysis.ObjectFact { return nil },
		AllPackageFacts: func() []analysis.PackageFact { return nil },
	}
	if _, err := a.Run(pass); err != nil {
		t.Fatalf("analysis failed: %v", err)
	}
	return res
}

// check is the property the fuzzer tests.
func (fz *fuzzer) check(t *fuzzT, src string) {
	if len(src) > maxFuzzInput {
		return
	}
	u, err := fz.load("input.go", src)
	if err != nil {
		return // only what type-checks is analysed
	}
	defer fz.release(u)

	start := time.Now()
	res := fz.run(t, fz.a, u)
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("analysis of a %d-byte file took %v", len(src), d)
	}
	for _, d := range res.diags {
		if d.Category == "internal" {
			// Again, with the stack, to say where it failed.
			again := fz.run(t, analyzer.New(withChan(analyzer.Config{Stack: true})), u)
			for _, d := range again.diags {
				if d.Category == "internal" {
					t.Fatalf("the analysis panicked: %s", d.Message)
				}
			}
			t.Fatalf("the analysis panicked: %s", d.Message)
		}
	}

	// The same input gives the same findings and facts.
	again := fz.run(t, fz.a, u)
	if got, want := render(fz.fset, again), render(fz.fset, res); got != want {
		t.Errorf("a second run differs:\n--- first\n%s\n--- second\n%s", want, got)
	}

	known := map[string]bool{"directive": true}
	for _, f := range analyzer.Families {
		known[string(f)] = true
	}
	for _, d := range res.diags {
		where := fz.fset.Position(d.Pos).String()
		if d.Message == "" {
			t.Errorf("%s: diagnostic without a message", where)
		}
		if !known[d.Category] {
			t.Errorf("%s: unknown category %q: %s", where, d.Category, d.Message)
		}
		if !inFile(u.tf, d.Pos) {
			t.Errorf("diagnostic at %d, outside the file [%d, %d]: %s", d.Pos, u.tf.Base(), u.tf.Base()+u.tf.Size(), d.Message)
		}
		if d.End.IsValid() && (d.End < d.Pos || !inFile(u.tf, d.End)) {
			t.Errorf("%s: diagnostic ends at %d, before it starts or outside the file: %s", where, d.End, d.Message)
		}
		for _, rel := range d.Related {
			if !inFile(u.tf, rel.Pos) {
				t.Errorf("%s: related position %d (%s) outside the file: %s", where, rel.Pos, rel.Message, d.Message)
			}
		}
		for _, fix := range d.SuggestedFixes {
			fz.checkFix(t, u, src, d, fix)
		}
	}
}

func inFile(tf *token.File, pos token.Pos) bool {
	return pos.IsValid() && tf.Base() <= int(pos) && int(pos) <= tf.Base()+tf.Size()
}

// checkFix applies one suggested fix: its edits must be in the file
// and must not overlap, and the result must parse and type-check.
func (fz *fuzzer) checkFix(t *fuzzT, u *unit, src string, d analysis.Diagnostic, fix analysis.SuggestedFix) {
	where := fz.fset.Position(d.Pos).String()
	if fix.Message == "" {
		t.Errorf("%s: fix without a message", where)
	}
	if len(fix.TextEdits) == 0 {
		t.Errorf("%s: fix %q without edits", where, fix.Message)
		return
	}
	edits := slices.Clone(fix.TextEdits)
	slices.SortStableFunc(edits, func(a, b analysis.TextEdit) int { return cmp.Compare(a.Pos, b.Pos) })
	for i, e := range edits {
		end := e.End
		if !end.IsValid() {
			end = e.Pos
		}
		if !inFile(u.tf, e.Pos) || !inFile(u.tf, end) || end < e.Pos {
			t.Errorf("%s: fix %q: edit [%d, %d) outside the file [%d, %d]", where, fix.Message, e.Pos, e.End, u.tf.Base(), u.tf.Base()+u.tf.Size())
			return
		}
		if i > 0 && e.Pos < cmp.Or(edits[i-1].End, edits[i-1].Pos) {
			t.Errorf("%s: fix %q: edits overlap", where, fix.Message)
			return
		}
	}
	var out strings.Builder
	var written [][2]int // where the new texts are in the result
	last := 0
	for _, e := range edits {
		start := u.tf.Offset(e.Pos)
		end := start
		if e.End.IsValid() {
			end = u.tf.Offset(e.End)
		}
		out.WriteString(src[last:start])
		written = append(written, [2]int{out.Len(), out.Len() + len(e.NewText)})
		out.Write(e.NewText)
		last = end
	}
	out.WriteString(src[last:])
	fixed, err := fz.load("fixed.go", out.String())
	if err != nil {
		t.Errorf("%s: %s\nthe fix %q gives a file that does not type-check: %v\n%s", where, d.Message, fix.Message, err, out.String())
		return
	}
	defer fz.release(fixed)
	if msg := selectCaseMissing(u, d, fixed, written); msg != "" {
		t.Errorf("%s: %s\nthe fix %q %s:\n%s", where, d.Message, fix.Message, msg, out.String())
	}
}

// selectCaseMissing checks a fix that puts a channel operation into a
// select: the operation reported must be one of the select's cases.
// An operation nested in a case's expressions (out <- <-in) is
// evaluated before the select chooses, and still blocks. It returns
// what is wrong, or "".
func selectCaseMissing(u *unit, d analysis.Diagnostic, fixed *unit, written [][2]int) string {
	if !d.End.IsValid() {
		return ""
	}
	path, exact := astutil.PathEnclosingInterval(u.file, d.Pos, d.End)
	if !exact || len(path) == 0 || path[0].Pos() != d.Pos || path[0].End() != d.End {
		return ""
	}
	var send bool
	var ch string
	switch n := path[0].(type) {
	case *ast.UnaryExpr:
		if n.Op != token.ARROW {
			return ""
		}
		ch = types.ExprString(n.X)
	case *ast.SendStmt:
		send, ch = true, types.ExprString(n.Chan)
	default:
		return ""
	}
	found, isCase := false, false
	ast.Inspect(fixed.file, func(n ast.Node) bool {
		sel, ok := n.(*ast.SelectStmt)
		if !ok {
			return true
		}
		off := fixed.tf.Offset(sel.Pos())
		in := false
		for _, w := range written {
			in = in || (w[0] <= off && off < w[1])
		}
		if !in {
			return true
		}
		found = true
		for _, c := range sel.Body.List {
			switch comm := c.(*ast.CommClause).Comm.(type) {
			case *ast.SendStmt:
				isCase = isCase || (send && types.ExprString(comm.Chan) == ch)
			case *ast.ExprStmt:
				isCase = isCase || (!send && isRecvFrom(comm.X, ch))
			case *ast.AssignStmt:
				isCase = isCase || (!send && len(comm.Rhs) == 1 && isRecvFrom(comm.Rhs[0], ch))
			}
		}
		return true
	})
	if found && !isCase {
		what := "receive from " + ch
		if send {
			what = "send on " + ch
		}
		return "writes a select in which the " + what + " is not a case"
	}
	return ""
}

func isRecvFrom(e ast.Expr, ch string) bool {
	u, ok := astutil.Unparen(e).(*ast.UnaryExpr)
	return ok && u.Op == token.ARROW && types.ExprString(u.X) == ch
}

// render prints a result for comparison, in a stable order.
func render(fset *token.FileSet, res result) string {
	var lines []string
	for _, d := range res.diags {
		s := fmt.Sprintf("%s-%d [%s] %s", fset.Position(d.Pos), d.End, d.Category, d.Message)
		for _, rel := range d.Related {
			s += fmt.Sprintf("\n\trelated %s %s", fset.Position(rel.Pos), rel.Message)
		}
		for _, fix := range d.SuggestedFixes {
			s += "\n\tfix " + fix.Message
			for _, e := range fix.TextEdits {
				s += fmt.Sprintf(" [%d,%d)%q", e.Pos, e.End, e.NewText)
			}
		}
		lines = append(lines, s)
	}
	slices.Sort(lines)
	facts := slices.Clone(res.facts)
	slices.Sort(facts)
	return strings.Join(append(lines, facts...), "\n")
}

// fuzzSeeds are small packages in the shapes the fixes rewrite, which
// testdata/src holds only in packages that import others.
var fuzzSeeds = []string{
	`package p

import (
	"context"
	"time"
)

func wait(ctx context.Context, d time.Duration) error {
	time.Sleep(d)
	return nil
}

func recv(ctx context.Context, ch chan int) (int, error) {
	var v int
	v = <-ch
	ch <- v
	<-ch
	return v, nil
}
`,
	`package p

import (
	"context"
	"database/sql"
	"net"
	"os/exec"
)

type row struct{ n int }

func query(ctx context.Context, db *sql.DB) (row, error) {
	_, _ = db.Query("select 1")
	_, _ = db.Begin()
	_, _ = net.Dial("tcp", "localhost:1")
	_, _ = net.LookupIP("localhost")
	_ = exec.Command("true").Run()
	return row{}, nil
}
`,
	`package p

import (
	"net/http"
	"sync"
	"time"
)

type server struct {
	mu     sync.Mutex
	events chan int
	quit   chan struct{}
	out    chan int
}

func (s *server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	req, _ := http.NewRequest("GET", "http://example.com", nil)
	_, _ = http.DefaultClient.Do(req)
	s.out <- 1
}

func (s *server) loop() {
	for {
		select {
		case <-s.quit:
			return
		case ev := <-s.events:
			time.Sleep(time.Duration(ev))
		}
	}
}

func (s *server) stop() {
	s.quit <- struct{}{}
}
`,
	`package p

import (
	"context"
	"time"
)

func fetch(ctx context.Context) (int, error) {
	ch := make(chan int)
	go func() {
		time.Sleep(time.Second)
		ch <- 1
	}()
	select {
	case v := <-ch:
		return v, nil
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}
`,
}
