package analyzer

import (
	"cmp"
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"

	"golang.org/x/tools/go/ast/astutil"
)

// What the fixes and the report look up once per finding is computed
// once per package (or per declaration, file, scope, block) and kept
// here, so that a package's cost grows with its size and its findings,
// not with their product.
type index struct {
	sources     map[string]source                   // file contents, read once
	excluded    map[*token.File]bool                // files whose findings are not reported
	files       []*ast.File                         // by position
	parents     map[*funcInfo]map[ast.Node]ast.Node // per declaration
	nilCompared map[*funcInfo]map[types.Object]bool // per declaration: compared with nil
	gotos       map[ast.Node]map[string]bool        // the labels of each function's gotos
	sleeps      map[ast.Node]map[ast.Stmt]int       // per statement list: sleeps before each statement
	freeNames   map[freeKey]*freeNames              // per scope and base name
	children    map[*types.Scope][]*types.Scope     // sorted by position; nil if they overlap
	imports     map[*ast.File]map[string]string     // per file: package path -> name
	facts       map[*types.Func]*blockingFact       // other packages' functions: what they block in
	impls       map[*types.Func][]*funcInfo         // interface methods of the package: their implementations (implements.go)
	condReads   map[*funcInfo]*condReading          // what each function reads that wakes a Cond
	drains      map[*types.Var]*drains              // how each channel field is drained (mailbox.go)
	chainEnds   map[famKey]*funcInfo                // per function and family: where its chain of steps ends
	nilCtx      spans                               // state.nilCtx, merged
	nilCtxOf    int                                 // how many of state.nilCtx it holds
	refs        map[*types.Func][]*ast.Ident        // the package's functions: the identifiers that use them (thread.go)
	callees     map[*ast.Ident]*ast.CallExpr        // the callee identifier of each call
	netConn     *types.Interface                    // net.Conn, if imported at all (connio.go)
	netConnDone bool
	paramIO     map[paramKey]paramUse        // the package's functions: what they do with a parameter a connection is passed as (connio.go)
	wayOuts     map[*funcInfo]*wayOutCase    // per function: its own way out (fixstmt.go)
	closed      map[*types.Var]bool          // the signal channel fields the package closes
	ctxFields   map[*types.Var]bool          // the context fields the package sets to contexts that can end
	cmdFields   map[*types.Var]*ast.CallExpr // the *exec.Cmd fields only exec.Command sets (cmdfield.go)
	callers     map[*ast.CallExpr]*funcInfo  // the function each call is written in (thread.go)
	noReturn    map[types.Object]bool        // the package's functions and function fields: whether a call cannot return (noreturn.go)
	// unseenTests holds the _test.go files of the directory the pass
	// does not see; unseenErr is set when they could not be read.
	unseenTests  []byte
	unseenRead   bool
	unseenErr    bool
	ifaceMethods map[string]bool // the method names of the package's interfaces
}

type source struct {
	data []byte
	err  error
}

// idx is the package's index, made on first use.
func (s *state) idx() *index {
	if s.index == nil {
		s.index = &index{
			sources:     map[string]source{},
			parents:     map[*funcInfo]map[ast.Node]ast.Node{},
			nilCompared: map[*funcInfo]map[types.Object]bool{},
			gotos:       map[ast.Node]map[string]bool{},
			sleeps:      map[ast.Node]map[ast.Stmt]int{},
			freeNames:   map[freeKey]*freeNames{},
			children:    map[*types.Scope][]*types.Scope{},
			imports:     map[*ast.File]map[string]string{},
			facts:       map[*types.Func]*blockingFact{},
			impls:       map[*types.Func][]*funcInfo{},
			condReads:   map[*funcInfo]*condReading{},
			wayOuts:     map[*funcInfo]*wayOutCase{},
		}
	}
	return s.index
}

// readFile reads a file of the package once.
func (s *state) readFile(name string) ([]byte, error) {
	x := s.idx()
	src, ok := x.sources[name]
	if !ok {
		src.data, src.err = s.pass.ReadFile(name)
		x.sources[name] = src
	}
	return src.data, src.err
}

// top is the declaration a function is written in.
func (fi *funcInfo) top() *funcInfo {
	for fi.parent != nil {
		fi = fi.parent
	}
	return fi
}

// funcType is the declaration's or the literal's type.
func (fi *funcInfo) funcType() *ast.FuncType {
	if fi.decl != nil {
		return fi.decl.Type
	}
	return fi.lit.Type
}

// funcParts is the type and body of a function declaration or
// literal; nils for any other node.
func funcParts(fn ast.Node) (*ast.FuncType, *ast.BlockStmt) {
	switch fn := fn.(type) {
	case *ast.FuncDecl:
		return fn.Type, fn.Body
	case *ast.FuncLit:
		return fn.Type, fn.Body
	}
	return nil, nil
}

// pathTo is the path from target up to fi's body, innermost first, or
// nil when target is not in it.
func (s *state) pathTo(fi *funcInfo, target ast.Node) []ast.Node {
	top := fi.top()
	parents := s.idx().parents[top]
	if parents == nil {
		parents = map[ast.Node]ast.Node{}
		var stack []ast.Node
		inspect(top.body, func(n ast.Node) bool {
			if n == nil {
				stack = stack[:len(stack)-1]
				return true
			}
			if len(stack) > 0 {
				parents[n] = stack[len(stack)-1]
			}
			stack = append(stack, n)
			return true
		})
		s.index.parents[top] = parents
	}
	var path []ast.Node
	for n := target; n != nil; n = parents[n] {
		path = append(path, n)
		if n == ast.Node(fi.body) {
			return path
		}
	}
	return nil
}

// comparedWithNil reports whether the declaration fi is written in
// compares v with nil anywhere.
func (s *state) comparedWithNil(fi *funcInfo, v *types.Var) bool {
	top := fi.top()
	compared := s.idx().nilCompared[top]
	if compared == nil {
		compared = map[types.Object]bool{}
		inspect(top.body, func(n ast.Node) bool {
			b, ok := n.(*ast.BinaryExpr)
			if !ok || (b.Op != token.EQL && b.Op != token.NEQ) {
				return true
			}
			for _, pair := range [][2]ast.Expr{{b.X, b.Y}, {b.Y, b.X}} {
				if id, ok := astutil.Unparen(pair[0]).(*ast.Ident); ok && s.info.Uses[id] != nil {
					if nid, ok := astutil.Unparen(pair[1]).(*ast.Ident); ok && nid.Name == "nil" {
						compared[s.info.Uses[id]] = true
					}
				}
			}
			return true
		})
		s.index.nilCompared[top] = compared
	}
	return compared[v]
}

// gotoOver reports whether a goto of fn could jump over a variable
// declared just before stmt: a goto to a label of a statement after
// stmt in stmt's own block. A label elsewhere cannot be reached past
// the declaration (Go forbids a jump into a block), and a goto back to
// a label before stmt brings no new variable into scope.
func (s *state) gotoOver(fn ast.Node, path []ast.Node, stmt ast.Stmt) bool {
	x := s.idx()
	targets, ok := x.gotos[fn]
	if !ok {
		inspect(fn, func(n ast.Node) bool {
			if b, ok := n.(*ast.BranchStmt); ok && b.Tok == token.GOTO && b.Label != nil {
				if targets == nil {
					targets = map[string]bool{}
				}
				targets[b.Label.Name] = true
			}
			return true
		})
		x.gotos[fn] = targets
	}
	if len(targets) == 0 {
		return false
	}
	i := slices.Index(path, ast.Node(stmt))
	if i < 0 || i+1 == len(path) {
		return true
	}
	list, ok := stmtList(path[i+1])
	if !ok {
		return true
	}
	for _, st := range list[slices.Index(list, stmt)+1:] {
		if l, ok := st.(*ast.LabeledStmt); ok && targets[l.Label.Name] {
			return true
		}
	}
	return false
}

// sleepsBefore counts the time.Sleep statements before stmt in its
// block.
func (s *state) sleepsBefore(path []ast.Node, stmt ast.Stmt) int {
	for i, n := range path {
		if n != ast.Node(stmt) || i+1 == len(path) {
			continue
		}
		list, ok := stmtList(path[i+1])
		if !ok {
			return 0
		}
		counts := s.idx().sleeps[path[i+1]]
		if counts == nil {
			countWork(len(list))
			counts = make(map[ast.Stmt]int, len(list))
			n := 0
			for _, st := range list {
				counts[st] = n
				if es, ok := st.(*ast.ExprStmt); ok {
					if call, ok := astutil.Unparen(es.X).(*ast.CallExpr); ok {
						if sel, ok := call.Fun.(*ast.SelectorExpr); ok && sel.Sel.Name == "Sleep" {
							n++
						}
					}
				}
			}
			s.index.sleeps[path[i+1]] = counts
		}
		return counts[stmt]
	}
	return 0
}

// stmtList is the statement list of a block or a case clause.
func stmtList(n ast.Node) ([]ast.Stmt, bool) {
	switch b := n.(type) {
	case *ast.BlockStmt:
		return b.List, true
	case *ast.CaseClause:
		return b.Body, true
	case *ast.CommClause:
		return b.Body, true
	}
	return nil, false
}

type freeKey struct {
	scope *types.Scope
	base  string
}

// freeNames are the names base, base1, base2... found free in a scope
// so far, and the suffix to try next.
type freeNames struct {
	names []string
	next  int
}

// freeName is the skip+1-th of base, base1, base2... that is not in
// scope at pos nor declared later in its block (where := would declare
// it twice). Whether a name is free is the same at every position of a
// scope's own statements: the scope itself is searched whole, and what
// an enclosing scope declares is declared before all of them or after
// all of them.
func (s *state) freeName(scope *types.Scope, pos token.Pos, base string, skip int) string {
	nameOf := func(i int) string {
		if i == 0 {
			return base
		}
		return base + strconv.Itoa(i)
	}
	if scope == nil {
		return nameOf(skip)
	}
	key := freeKey{scope, base}
	fn := s.idx().freeNames[key]
	if fn == nil {
		fn = &freeNames{}
		s.index.freeNames[key] = fn
	}
	for len(fn.names) <= skip {
		countWork(1)
		name := nameOf(fn.next)
		fn.next++
		if _, obj := scope.LookupParent(name, pos); obj == nil && scope.Lookup(name) == nil {
			fn.names = append(fn.names, name)
		}
	}
	return fn.names[skip]
}

// innermost is the innermost scope under scope that contains pos, as
// (*types.Scope).Innermost finds it, with its children searched by
// position rather than one by one.
func (s *state) innermost(scope *types.Scope, pos token.Pos) *types.Scope {
	if !scope.Contains(pos) {
		return nil
	}
	for {
		countWork(1)
		kids, ok := s.idx().children[scope]
		if !ok {
			kids = make([]*types.Scope, scope.NumChildren())
			for i := range kids {
				kids[i] = scope.Child(i)
			}
			slices.SortStableFunc(kids, func(a, b *types.Scope) int { return cmp.Compare(a.Pos(), b.Pos()) })
			for i := 1; i < len(kids); i++ {
				if kids[i].Pos() < kids[i-1].End() {
					kids = nil // overlapping: search them in order
					break
				}
			}
			s.index.children[scope] = kids
		}
		var next *types.Scope
		if kids == nil {
			for i := range scope.NumChildren() {
				countWork(1)
				if c := scope.Child(i); c.Contains(pos) {
					next = c
					break
				}
			}
		} else {
			// The last child that starts at or before pos is the
			// only one that can contain it.
			i, _ := slices.BinarySearchFunc(kids, pos, func(c *types.Scope, p token.Pos) int {
				return cmp.Or(cmp.Compare(c.Pos(), p), -1)
			})
			if i > 0 && kids[i-1].Contains(pos) {
				next = kids[i-1]
			}
		}
		if next == nil {
			return scope
		}
		scope = next
	}
}

// fileOf is the file of the package that holds pos, or nil.
func (s *state) fileOf(pos token.Pos) *ast.File {
	x := s.idx()
	if x.files == nil {
		x.files = slices.Clone(s.pass.Files)
		slices.SortFunc(x.files, func(a, b *ast.File) int { return cmp.Compare(a.FileStart, b.FileStart) })
	}
	i, _ := slices.BinarySearchFunc(x.files, pos, func(f *ast.File, p token.Pos) int {
		return cmp.Or(cmp.Compare(f.FileStart, p), -1)
	})
	if i > 0 && pos <= x.files[i-1].FileEnd {
		return x.files[i-1]
	}
	return nil
}

// importNames maps the path of each package a file imports to the name
// it is known by there.
func (s *state) importNames(file *ast.File) map[string]string {
	x := s.idx()
	names, ok := x.imports[file]
	if ok {
		return names
	}
	byPath := map[string]*types.Package{}
	for _, p := range s.pass.Pkg.Imports() {
		if _, dup := byPath[p.Path()]; !dup {
			byPath[p.Path()] = p
		}
	}
	names = map[string]string{}
	for _, imp := range file.Imports {
		path := strings.Trim(imp.Path.Value, `"`)
		if imp.Name != nil {
			names[path] = imp.Name.Name
		} else if pkg := byPath[path]; pkg != nil {
			names[path] = pkg.Name()
		}
	}
	x.imports[file] = names
	return names
}

// spans are disjoint half-open stretches [start, end) of positions,
// sorted: a position is looked up in them by binary search.
type spans [][2]token.Pos

// mergeSpans sorts stretches and merges those that overlap: a position
// is in the result when it is in one of them.
func mergeSpans(in [][2]token.Pos) spans {
	out := make(spans, 0, len(in))
	for _, r := range in {
		if r[0] < r[1] {
			out = append(out, r)
		}
	}
	slices.SortFunc(out, func(a, b [2]token.Pos) int { return cmp.Compare(a[0], b[0]) })
	merged := out[:0]
	for _, r := range out {
		if n := len(merged); n > 0 && r[0] <= merged[n-1][1] {
			merged[n-1][1] = max(merged[n-1][1], r[1])
			continue
		}
		merged = append(merged, r)
	}
	return merged
}

// contain reports whether pos is in one of the stretches.
func (sp spans) contain(pos token.Pos) bool {
	countWork(1)
	i, _ := slices.BinarySearchFunc(sp, pos, func(r [2]token.Pos, p token.Pos) int {
		return cmp.Or(cmp.Compare(r[0], p), -1)
	})
	return i > 0 && pos < sp[i-1][1]
}

// workCount counts the steps of the analysis while a test asks for it: the
// syntax nodes it looks at (every walk over syntax goes through
// inspect), and the entries it examines where it looks things up per
// finding. The count, unlike time, says for sure whether the work
// grows in step with the package or faster.
var workCount struct {
	on atomic.Bool
	n  atomic.Int64
}

// countWork counts n steps of work.
func countWork(n int) {
	if workCount.on.Load() {
		workCount.n.Add(int64(n))
	}
}

// inspect is ast.Inspect, its nodes counted as work.
func inspect(root ast.Node, f func(ast.Node) bool) {
	if !workCount.on.Load() {
		ast.Inspect(root, f)
		return
	}
	ast.Inspect(root, func(n ast.Node) bool {
		if n != nil {
			workCount.n.Add(1)
		}
		return f(n)
	})
}
