package analyzer

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"regexp"
	"strings"

	"golang.org/x/tools/go/ast/astutil"
)

// Is this operation cancellable? The answers live here: which select
// has a way out, which channel is a signal, which the function owns.

// selectHasWayOut reports whether a select can always be left: it has a
// default, or a case that receives from a context's Done channel, a
// timer, or a signal channel (element type struct{} or a name such as
// done, quit or stop). The case skip, if not nil, does not count.
func selectHasWayOut(info *types.Info, sel *ast.SelectStmt, skip ast.Stmt) bool {
	for _, c := range sel.Body.List {
		cc := c.(*ast.CommClause)
		if cc == skip {
			continue
		}
		if cc.Comm == nil {
			return true // default
		}
		u, ok := commOp(cc.Comm).(*ast.UnaryExpr)
		if !ok {
			continue // a send is no way out
		}
		if isWayOut(info, astutil.Unparen(u.X)) {
			return true
		}
	}
	return false
}

// allOwn reports whether every case of a select is on a channel the
// declaration made: its own goroutines answer it.
func (w *walker) allOwn(sel *ast.SelectStmt) bool {
	for _, c := range sel.Body.List {
		cc := c.(*ast.CommClause)
		var ch ast.Expr
		switch op := commOp(cc.Comm).(type) {
		case *ast.SendStmt:
			ch = op.Chan
		case *ast.UnaryExpr:
			ch = op.X
		default:
			return false
		}
		v := localVar(w.s.info, ch)
		if (v == nil || w.ch.makes[v] == nil) && !w.ch.ownFields[types.ExprString(ch)] {
			return false
		}
	}
	return len(sel.Body.List) > 0
}

// isWayOut reports whether receiving from ch is a way to stop waiting.
func isWayOut(info *types.Info, ch ast.Expr) bool {
	if isContextDone(info, ch) {
		return true
	}
	t := info.TypeOf(ch)
	if isTimeChan(t) {
		return true
	}
	if c, ok := under(t).(*types.Chan); ok {
		if s, ok := under(c.Elem()).(*types.Struct); ok && s.NumFields() == 0 {
			return true
		}
	}
	return isStopName(chanName(ch))
}

func under(t types.Type) types.Type {
	if t == nil {
		return nil
	}
	return t.Underlying()
}

// stopNameRE matches the names people give to channels that say stop.
var stopNameRE = regexp.MustCompile(`(?i)(done|quit|stop|exit|clos|shut|cancel|abort|halt|kill|die|dying|finish|terminat)`)

func isStopName(name string) bool { return name != "" && stopNameRE.MatchString(name) }

// commandNameRE matches the names of channels that order a loop to
// stop; done and finished name completions, which a worker reports.
var commandNameRE = regexp.MustCompile(`(?i)(quit|stop|exit|shut|cancel|abort|halt|kill|die|terminat)`)

func isStopCommand(name string) bool { return name != "" && commandNameRE.MatchString(name) }

// isSignalChan reports whether t is a channel whose values carry no
// data, only a signal: chan struct{} or chan bool.
func isSignalChan(t types.Type) bool {
	c, ok := under(t).(*types.Chan)
	if !ok {
		return false
	}
	if s, ok := under(c.Elem()).(*types.Struct); ok && s.NumFields() == 0 {
		return true
	}
	b, ok := under(c.Elem()).(*types.Basic)
	return ok && b.Kind() == types.Bool
}

// chanName is the last name in a channel expression: "stop" for
// s.stop, "Done" for x.Done().
func chanName(e ast.Expr) string {
	switch e := astutil.Unparen(e).(type) {
	case *ast.Ident:
		return e.Name
	case *ast.SelectorExpr:
		return e.Sel.Name
	case *ast.CallExpr:
		return chanName(e.Fun)
	case *ast.IndexExpr:
		return chanName(e.X)
	}
	return ""
}

// isContextDone reports whether e is x.Done() for a context x.
func isContextDone(info *types.Info, e ast.Expr) bool {
	call, ok := astutil.Unparen(e).(*ast.CallExpr)
	if !ok || len(call.Args) != 0 {
		return false
	}
	sel, ok := astutil.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok || sel.Sel.Name != "Done" {
		return false
	}
	return isContext(info.TypeOf(sel.X))
}

// isContext reports whether t is context.Context or implements it
// (a *gin.Context, an errgroup's derived context...). It looks up the
// four methods one by one: most types have no Done and stop there,
// which is much cheaper than building their method sets.
func isContext(t types.Type) bool {
	if t == nil {
		return false
	}
	if isNamed(t, "context", "Context") {
		return true
	}
	method := func(name string) *types.Signature {
		obj, _, _ := types.LookupFieldOrMethod(t, true, nil, name)
		if fn, ok := obj.(*types.Func); ok {
			return fn.Type().(*types.Signature)
		}
		return nil
	}
	done := method("Done")
	if done == nil || done.Params().Len() != 0 || done.Results().Len() != 1 {
		return false
	}
	ch, ok := done.Results().At(0).Type().Underlying().(*types.Chan)
	return ok && ch.Dir() == types.RecvOnly && method("Err") != nil && method("Deadline") != nil && method("Value") != nil
}

// isNamed reports whether t (or what it points to) is the named type
// pkg.name.
func isNamed(t types.Type, pkg, name string) bool {
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
	if !ok {
		return false
	}
	obj := n.Obj()
	return obj.Name() == name && obj.Pkg() != nil && obj.Pkg().Path() == pkg
}

func isHTTPRequest(t types.Type) bool {
	p, ok := t.(*types.Pointer)
	return ok && isNamed(p.Elem(), "net/http", "Request")
}

// isStopChan reports whether t is <-chan struct{}: a channel its
// holder can only wait on for a signal, the stop channel of a caller
// that closes it to cancel.
func isStopChan(t types.Type) bool {
	c, ok := t.(*types.Chan)
	if !ok || c.Dir() != types.RecvOnly {
		return false
	}
	st, ok := c.Elem().Underlying().(*types.Struct)
	return ok && st.NumFields() == 0
}

// embedsRequest reports whether t is a pointer to a struct that embeds
// *http.Request, a library's own request type: its Context() is the
// request's.
func embedsRequest(t types.Type) bool {
	p, ok := t.(*types.Pointer)
	if !ok {
		return false
	}
	st, ok := p.Elem().Underlying().(*types.Struct)
	if !ok {
		return false
	}
	for f := range st.Fields() {
		if f.Embedded() && isHTTPRequest(f.Type()) {
			return true
		}
	}
	return false
}

func isResponseWriter(t types.Type) bool { return isNamed(t, "net/http", "ResponseWriter") }

// isStream reports whether t is the server side of a streaming RPC, by
// shape: a named interface with a Context() context.Context method,
// as every generated gRPC stream server is.
func isStream(t types.Type) bool {
	n, ok := types.Unalias(t).(*types.Named)
	if !ok {
		return false
	}
	if _, ok := n.Underlying().(*types.Interface); !ok {
		return false
	}
	obj, _, _ := types.LookupFieldOrMethod(t, false, nil, "Context")
	fn, ok := obj.(*types.Func)
	if !ok {
		return false
	}
	sig := fn.Type().(*types.Signature)
	if sig.Params().Len() != 0 || sig.Results().Len() != 1 || !isContext(sig.Results().At(0).Type()) || isContext(t) {
		return false
	}
	// A stream sends or receives messages; testing.TB also has a
	// Context method, and is no stream.
	for _, m := range []string{"SendMsg", "RecvMsg", "Send", "Recv"} {
		if obj, _, _ := types.LookupFieldOrMethod(t, false, nil, m); obj != nil {
			return true
		}
	}
	return false
}

// isTimeChan reports whether t is a channel of time.Time: a timer's or
// a ticker's.
func isTimeChan(t types.Type) bool {
	c, ok := under(t).(*types.Chan)
	return ok && isNamed(c.Elem(), "time", "Time")
}

// scanFieldMakes records the capacity of every make(chan ...) stored
// in a struct field anywhere in the package, directly or through a
// local variable: x.f = make(chan T, 1), T{f: make(chan T, 1)},
// ch := make(chan T, 1); T{f: ch}.
func scanFieldMakes(info *types.Info, files []*ast.File) map[*types.Var][]int64 {
	fields := map[*types.Var][]int64{}
	locals := map[*types.Var]int64{}
	capOf := func(e ast.Expr) (int64, bool) {
		e = astutil.Unparen(e)
		if v := localVar(info, e); v != nil {
			c, ok := locals[v]
			return c, ok
		}
		return makeCap(info, e)
	}
	for _, f := range files {
		inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.AssignStmt:
				if len(n.Lhs) != len(n.Rhs) {
					break
				}
				for i, lhs := range n.Lhs {
					c, ok := capOf(n.Rhs[i])
					if !ok {
						continue
					}
					if v := localVar(info, lhs); v != nil {
						locals[v] = c
					} else if fv := fieldOf(info, lhs); fv != nil {
						fields[fv] = append(fields[fv], c)
					} else if gv := pkgVar(info, lhs); gv != nil {
						fields[gv] = append(fields[gv], c)
					}
				}
			case *ast.ValueSpec:
				for i, name := range n.Names {
					if i < len(n.Values) {
						if gv := pkgVar(info, name); gv != nil {
							if c, ok := capOf(n.Values[i]); ok {
								fields[gv] = append(fields[gv], c)
							}
						}
					}
				}
			case *ast.CompositeLit:
				for _, elt := range n.Elts {
					kv, ok := elt.(*ast.KeyValueExpr)
					if !ok {
						continue
					}
					key, ok := kv.Key.(*ast.Ident)
					if !ok {
						continue
					}
					if fv, ok := info.Uses[key].(*types.Var); ok && fv.IsField() {
						if c, ok := capOf(kv.Value); ok {
							fields[fv] = append(fields[fv], c)
						}
					}
				}
			}
			return true
		})
	}
	return fields
}

// pkgVar is the package-level variable an identifier names.
func pkgVar(info *types.Info, e ast.Expr) *types.Var {
	v := identVar(info, e)
	if v == nil || v.Pkg() == nil || v.Parent() != v.Pkg().Scope() {
		return nil
	}
	return v
}

// makeCap is the capacity of make(chan T, n): 0 unbuffered, -1 when n is
// not a constant.
func makeCap(info *types.Info, e ast.Expr) (int64, bool) {
	call, ok := astutil.Unparen(e).(*ast.CallExpr)
	if !ok || len(call.Args) == 0 {
		return 0, false
	}
	id, ok := astutil.Unparen(call.Fun).(*ast.Ident)
	if !ok {
		return 0, false
	}
	if b, ok := info.Uses[id].(*types.Builtin); !ok || b.Name() != "make" {
		return 0, false
	}
	if _, ok := under(info.TypeOf(call)).(*types.Chan); !ok {
		return 0, false
	}
	if len(call.Args) < 2 {
		return 0, true
	}
	if tv, ok := info.Types[call.Args[1]]; ok && tv.Value != nil {
		if n, ok := constant.Int64Val(constant.ToInt(tv.Value)); ok {
			return n, true
		}
	}
	return -1, true
}

// fieldOf is the struct field a selector expression names.
func fieldOf(info *types.Info, e ast.Expr) *types.Var {
	sel, ok := astutil.Unparen(e).(*ast.SelectorExpr)
	if !ok {
		return nil
	}
	if s := info.Selections[sel]; s != nil && s.Kind() == types.FieldVal {
		v, _ := s.Obj().(*types.Var)
		return v
	}
	return nil
}

// makesOf is the capacities made into ch when it is a struct field or a
// package-level variable.
func (s *state) makesOf(ch ast.Expr) ([]int64, types.Type) {
	if fv := fieldOf(s.info, ch); fv != nil {
		return s.fieldMakes[fv], fv.Type()
	}
	if id, ok := astutil.Unparen(ch).(*ast.Ident); ok {
		if v, ok := s.info.Uses[id].(*types.Var); ok && v.Parent() == s.pass.Pkg.Scope() {
			return s.fieldMakes[v], v.Type()
		}
		// A parameter every call passes a field for has their makes.
		if v, ok := s.info.Uses[id].(*types.Var); ok && len(s.paramSources[v]) > 0 {
			var caps []int64
			for _, src := range s.paramSources[v] {
				if src == nil || len(s.fieldMakes[src]) == 0 {
					return nil, nil
				}
				caps = append(caps, s.fieldMakes[src]...)
			}
			return caps, v.Type()
		}
	}
	return nil, nil
}

// buffered reports whether every make of a field or package variable
// gives it a buffer.
func (s *state) buffered(ch ast.Expr) bool {
	caps, _ := s.makesOf(ch)
	for _, c := range caps {
		if c == 0 {
			return false
		}
	}
	return len(caps) > 0
}

// semaphore reports whether ch is a buffered channel of struct{}: a
// counting semaphore's tokens.
func (s *state) semaphore(ch ast.Expr) bool {
	return isSignalChan(s.info.TypeOf(ch)) && s.buffered(ch)
}

// semaphorePair reports whether a function both sends on and receives
// from a semaphore channel expression: it takes and gives back tokens
// like a mutex's Lock and Unlock, which are no findings either.
func (fi *funcInfo) semaphorePair(expr string) bool {
	return fi.semSends[expr] && fi.semRecvs[expr]
}

// isReleaseName reports whether a function's name says it gives back
// what it holds.
func isReleaseName(name string) bool {
	name = strings.ToLower(name[strings.LastIndex(name, ".")+1:])
	for _, p := range []string{"release", "unlock", "put", "done", "free"} {
		if strings.HasPrefix(name, p) {
			return true
		}
	}
	return false
}

// bufferedField reports whether ch is a struct field that every make
// in the package gives room for its sends: capacity 1 (a response
// channel, sent on once), or any buffer for a channel of struct{}
// (semaphore tokens, released after they were taken).
func (s *state) bufferedField(ch ast.Expr) bool {
	caps, t := s.makesOf(ch)
	if len(caps) == 0 {
		return false
	}
	signal := isSignalChan(t)
	for _, c := range caps {
		if !(c == 1 || (signal && c != 0)) {
			return false
		}
	}
	return true
}

// chanScan holds what a declaration does with the channels it makes.
type chanScan struct {
	makes map[*types.Var]*chanMake
	// ownFields are fields the declaration fills with a channel it
	// makes, by expression. Filled by assignment (o.ch = make(...)),
	// the declaration owns both sides, like a local. Filled in a
	// composite literal (w := &T{ch: make(..., n)}), the value may be
	// handed to another goroutine, so only a send into a buffer the
	// declaration just made counts as its own.
	ownFields   map[string]bool
	ownBuffered map[string]bool
}

// chanMake is a channel made by make in a local variable.
type chanMake struct {
	pos token.Pos
	// abandoned: a select receives from it and has another way out,
	// so the receiver may leave before a send arrives.
	abandoned *ast.SelectStmt
}

// scanChans finds the channels a declaration makes, and whether a
// select may stop waiting for them.
func scanChans(info *types.Info, body *ast.BlockStmt) *chanScan {
	sc := &chanScan{makes: map[*types.Var]*chanMake{}, ownFields: map[string]bool{}, ownBuffered: map[string]bool{}}
	record := func(lhs, rhs ast.Expr) {
		_, ok := makeCap(info, rhs)
		if v := localVar(info, lhs); ok && v != nil {
			sc.makes[v] = &chanMake{pos: rhs.Pos()}
		}
	}
	// First the makes, then the sends and selects that use them.
	inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			if len(n.Lhs) == len(n.Rhs) {
				for i := range n.Lhs {
					record(n.Lhs[i], n.Rhs[i])
					if _, ok := makeCap(info, n.Rhs[i]); ok && fieldOf(info, n.Lhs[i]) != nil {
						sc.ownFields[types.ExprString(n.Lhs[i])] = true
					}
					// w := &T{f: make(...)}: w.f is the function's own.
					if lit := compositeOf(n.Rhs[i]); lit != nil {
						for _, elt := range lit.Elts {
							if kv, ok := elt.(*ast.KeyValueExpr); ok {
								if key, ok := kv.Key.(*ast.Ident); ok {
									if c, ok := makeCap(info, kv.Value); ok && c != 0 {
										sc.ownBuffered[types.ExprString(n.Lhs[i])+"."+key.Name] = true
									}
								}
							}
						}
					}
				}
			}
		case *ast.ValueSpec:
			if len(n.Names) == len(n.Values) {
				for i := range n.Names {
					record(n.Names[i], n.Values[i])
				}
			}
		}
		return true
	})
	inspect(body, func(n ast.Node) bool {
		if sel, ok := n.(*ast.SelectStmt); ok {
			for _, c := range sel.Body.List {
				cc := c.(*ast.CommClause)
				u, ok := commOp(cc.Comm).(*ast.UnaryExpr)
				if !ok {
					continue
				}
				if v := localVar(info, u.X); v != nil && sc.makes[v] != nil && selectHasWayOut(info, sel, cc) {
					sc.makes[v].abandoned = sel
				}
			}
		}
		return true
	})
	return sc
}

// compositeOf is the composite literal e is, or takes the address of.
func compositeOf(e ast.Expr) *ast.CompositeLit {
	e = astutil.Unparen(e)
	if u, ok := e.(*ast.UnaryExpr); ok && u.Op == token.AND {
		e = astutil.Unparen(u.X)
	}
	lit, _ := e.(*ast.CompositeLit)
	return lit
}

// forEachStmtList calls f with every statement list under root: blocks,
// case clauses and select cases; inside function literals too when
// intoLits is set.
func forEachStmtList(root ast.Node, intoLits bool, f func([]ast.Stmt)) {
	inspect(root, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return intoLits
		case *ast.BlockStmt:
			f(n.List)
		case *ast.CaseClause:
			f(n.Body)
		case *ast.CommClause:
			f(n.Body)
		}
		return true
	})
}
