package analyzer

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"
)

// nothingToHonour reports whether an operation reached from a
// goroutine or callback has nothing to honour: no context or stop
// channel on the path, no way out of the goroutine's own (a quit case,
// a signal field the package closes). Two kinds of operation are then
// no finding:
//
//   - a sleep or timer wait out of any open loop (a retry or poll loop,
//     a ticker's range): a pause of bounded length in a goroutine that
//     nothing could stop anyway. A wait in an open loop is still a
//     finding: nothing bounds how often it recurs, and the goroutine
//     may never end.
//   - a call whose only alternative takes a context (a request, a
//     query, a dial, a command, a system call): no context exists there
//     to give it, nor one in the function that started the goroutine.
//     If the goroutine never ends, its sleep or ticker says so. A
//     Cond's wait is not one of them: it waits for a signal that may
//     never come, context or not.
func (rp *reporter) nothingToHonour(family Family, what string, pos token.Pos, node ast.Node, l *link, r *root) bool {
	pause := family == Sleep && timeWait(what)
	if !pause && !ctxOnlyWait(family) || r.fn == nil || r.region != nil || pause && loopNode(node) {
		return false
	}
	if !spawnKind(r.kind) || !pause && spawnerHasCtx(r) {
		return false
	}
	s := rp.s
	if s.wayOutOf(r.fn) != nil {
		return false
	}
	for ; l != nil; l = l.prev {
		fi := l.fn
		if fi == nil {
			continue // a note on the entry point (main waits for a signal), no function
		}
		if fi.hasCtx || fi.stopVar != nil || s.wayOutOf(fi) != nil {
			return false
		}
		if pause && fi.body != nil && s.openLoopAt(fi.body, pos) {
			return false
		}
		pos = l.pos // the call in the function before it on the path
	}
	return true
}

// ctxOnlyWait: an operation that only a context could cut short: the
// request, query, command, dial, lookup and system call families.
func ctxOnlyWait(family Family) bool {
	switch family {
	case HTTP, SQL, Exec, Net, Syscall:
		return true
	}
	return false
}

// spawnerHasCtx: the function with the go statement has a context or a
// stop channel it could have handed over.
func spawnerHasCtx(r *root) bool {
	return r.spawnedIn != nil && (r.spawnedIn.hasCtx || r.spawnedIn.stopVar != nil)
}

// spawnedPause reports whether a goroutine or callback that is another
// package's function (it takes no context: it has a fact) only pauses,
// out of any open loop, or only makes calls that a context alone could
// cut short while its starter has none: nothing to honour either.
func spawnedPause(fop *factOp, r *root) bool {
	if !spawnKind(r.kind) {
		return false
	}
	if fop.Family == Sleep && timeWait(fop.What) {
		return !fop.Open
	}
	return ctxOnlyWait(fop.Family) && !spawnerHasCtx(r)
}

// spawnKind: a goroutine or a callback.
func spawnKind(k entryKind) bool {
	switch k {
	case kindGo, kindErrgroup, kindWaitGroupGo, kindAfterFunc, kindContextAfterFunc, kindMain:
		return true
	}
	return false
}

// chainHasCtx reports whether a function on the path has a context at
// hand or a stop channel.
func chainHasCtx(l *link) bool {
	for ; l != nil; l = l.prev {
		if l.fn != nil && (l.fn.hasCtx || l.fn.stopVar != nil) {
			return true
		}
	}
	return false
}

// timeWait reports whether an operation of the sleep family is a wait
// the time package makes, of a length the code chose: a sleep, a
// timer's or ticker's channel. A rate limiter's wait is as long as
// others make it.
func timeWait(what string) bool {
	for _, p := range []string{"time.Sleep", "<-time.After", "receive from timer channel ", "range over ", "for-select over only ", "select bounded only by "} {
		if what == p || strings.HasPrefix(what, p) && strings.HasSuffix(p, " ") {
			return true
		}
	}
	return false
}

func loopNode(n ast.Node) bool {
	switch n.(type) {
	case *ast.ForStmt, *ast.RangeStmt:
		return true
	}
	return false
}

// openLoopAt reports whether pos sits in a loop of body that runs an
// open number of times: any loop but one counted up to a constant
// (for i := 0; i < n; i++ with n constant, a range over a constant or
// an array).
func (s *state) openLoopAt(body *ast.BlockStmt, pos token.Pos) bool {
	open := false
	ast.Inspect(body, func(n ast.Node) bool {
		if open || n == nil || pos < n.Pos() || pos >= n.End() {
			return false
		}
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ForStmt:
			open = !s.countedLoop(n)
		case *ast.RangeStmt:
			open = !s.constRange(n)
		}
		return !open
	})
	return open
}

// countedLoop: for i := a; i < n; i++ (or <=, or a decrement down to a
// bound), with a constant bound and nothing else assigning i.
func (s *state) countedLoop(f *ast.ForStmt) bool {
	cond, ok := f.Cond.(*ast.BinaryExpr)
	if !ok || f.Post == nil {
		return false
	}
	switch cond.Op {
	case token.LSS, token.LEQ, token.GTR, token.GEQ:
	default:
		return false
	}
	id, ok := cond.X.(*ast.Ident)
	if !ok || !isConst(s, cond.Y) {
		return false
	}
	inc, ok := f.Post.(*ast.IncDecStmt)
	if !ok || identOf(inc.X) == nil || identOf(inc.X).Name != id.Name {
		return false
	}
	v := s.info.Uses[id]
	assigned := false
	ast.Inspect(f.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			for _, lhs := range n.Lhs {
				if x := identOf(lhs); x != nil && s.info.Uses[x] == v {
					assigned = true
				}
			}
		case *ast.IncDecStmt:
			if x := identOf(n.X); x != nil && s.info.Uses[x] == v {
				assigned = true
			}
		}
		return !assigned
	})
	return v != nil && !assigned
}

// constRange: a range over an integer constant or an array.
func (s *state) constRange(r *ast.RangeStmt) bool {
	if isConst(s, r.X) {
		return true
	}
	t := s.info.TypeOf(r.X)
	if t == nil {
		return false
	}
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	_, arr := t.Underlying().(*types.Array)
	return arr
}

func isConst(s *state, e ast.Expr) bool {
	tv, ok := s.info.Types[e]
	return ok && tv.Value != nil
}

// loopLeaves reports whether anything in a loop's body leaves it: a
// return, a goto, a panic, a break that is the loop's own (unlabelled
// and outside any inner for, range, switch or select) or one naming a
// label (taken to be outside).
func loopLeaves(s *state, loop ast.Node) bool {
	var body *ast.BlockStmt
	switch l := loop.(type) {
	case *ast.ForStmt:
		body = l.Body
	case *ast.RangeStmt:
		body = l.Body
	default:
		return true
	}
	var visit func(n ast.Node, inner bool) bool
	visit = func(n ast.Node, inner bool) bool {
		found := false
		ast.Inspect(n, func(m ast.Node) bool {
			if found || m == nil {
				return false
			}
			switch m := m.(type) {
			case *ast.FuncLit:
				return false
			case *ast.ReturnStmt:
				found = true
			case *ast.BranchStmt:
				switch {
				case m.Tok == token.GOTO:
					found = true
				case m.Tok == token.BREAK && (m.Label != nil || !inner):
					found = true
				}
			case *ast.CallExpr:
				if id, ok := m.Fun.(*ast.Ident); ok && id.Name == "panic" && s.info.Uses[id] != nil && s.info.Uses[id].Pkg() == nil {
					found = true
				}
			case *ast.ForStmt, *ast.RangeStmt, *ast.SwitchStmt, *ast.TypeSwitchStmt, *ast.SelectStmt:
				if m != n {
					found = visit(m, true)
					return false
				}
			}
			return !found
		})
		return found
	}
	return visit(body, false)
}
