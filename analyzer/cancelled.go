package analyzer

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ast/astutil"
)

// withCancel reports whether call makes a context with a cancel
// function: context.WithCancel, WithTimeout, WithDeadline or a Cause
// form.
func (s *state) withCancel(call *ast.CallExpr) bool {
	switch calleeName(s.info, call) {
	case "context.WithCancel", "context.WithTimeout", "context.WithDeadline",
		"context.WithCancelCause", "context.WithTimeoutCause", "context.WithDeadlineCause":
		return true
	}
	return false
}

// cancelPairs calls f for each assignment in body (outside function
// literals) that sets a context and its cancel function from one
// context.WithCancel-like call: ctx, cancel := context.WithTimeout(...).
func (s *state) cancelPairs(body *ast.BlockStmt, f func(as *ast.AssignStmt, ctx, cancel types.Object)) {
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.AssignStmt:
			if len(n.Rhs) != 1 || len(n.Lhs) != 2 {
				return true
			}
			call, ok := astutil.Unparen(n.Rhs[0]).(*ast.CallExpr)
			if !ok || !s.withCancel(call) {
				return true
			}
			var ctx, cancel types.Object
			if id := identOf(n.Lhs[0]); id != nil && id.Name != "_" {
				ctx = s.info.ObjectOf(id)
			}
			if id := identOf(n.Lhs[1]); id != nil && id.Name != "_" {
				cancel = s.info.ObjectOf(id)
			}
			f(n, ctx, cancel)
		}
		return true
	})
}

// calledBefore reports whether, on every path from the start of body
// to pos, the cancel function has been called since it was last set:
// a statement cancel() stands before pos in a block that encloses pos,
// with no assignment to it (or to any of resets) between the two. A
// call nested in a branch or a function literal proves nothing; an
// assignment anywhere before pos counts.
func (s *state) calledBefore(body *ast.BlockStmt, cancel types.Object, pos token.Pos, resets ...types.Object) bool {
	if body == nil || cancel == nil {
		return false
	}
	called := false
	for _, n := range enclosing(body, pos) {
		var list []ast.Stmt
		switch n := n.(type) {
		case *ast.BlockStmt:
			list = n.List
		case *ast.CaseClause:
			list = n.Body
		case *ast.CommClause:
			list = n.Body
		case *ast.FuncLit:
			if n.Body != body {
				return false // pos is in a function written in body
			}
		default:
			continue
		}
		for _, st := range list {
			if st.End() > pos {
				break
			}
			if es, ok := st.(*ast.ExprStmt); ok {
				if call, ok := astutil.Unparen(es.X).(*ast.CallExpr); ok && len(call.Args) == 0 {
					if id := identOf(call.Fun); id != nil && s.info.Uses[id] == cancel {
						called = true
						continue
					}
				}
			}
			for _, obj := range append(resets, cancel) {
				if s.assigns(st, obj) {
					called = false
				}
			}
		}
	}
	return called
}

// assigns reports whether n assigns to obj anywhere outside function
// literals.
func (s *state) assigns(n ast.Node, obj types.Object) bool {
	found := false
	ast.Inspect(n, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.AssignStmt:
			for _, l := range n.Lhs {
				if id := identOf(l); id != nil && s.info.ObjectOf(id) == obj {
					found = true
				}
			}
		}
		return !found
	})
	return found
}

// cancelledCtx reports whether the context variable v is done at pos in
// fi: v was set, with a cancel function, from a context.WithCancel-like
// call, and that cancel function has been called on the way to pos
// (ctx, cancel := context.WithTimeout(...); op(ctx); cancel(); here).
// Waiting on such a context's Done channel returns at once.
func (s *state) cancelledCtx(fi *funcInfo, v types.Object, pos token.Pos) bool {
	if fi == nil || v == nil || fi.body == nil {
		return false
	}
	done := false
	s.cancelPairs(fi.body, func(as *ast.AssignStmt, ctx, cancel types.Object) {
		if ctx == v && as.End() <= pos && s.calledBefore(fi.body, cancel, pos, v) {
			done = true
		}
	})
	return done
}

// boundedWait reports whether an operation of the sleep family ends by
// itself: a sleep, a timer's channel, a select bounded by a timer (not
// a ticker's loop, which never ends).
func boundedWait(what string) bool {
	for _, p := range []string{"time.Sleep", "<-time.After", "receive from timer channel ", "select bounded only by "} {
		if what == p || strings.HasPrefix(what, p) && strings.HasSuffix(p, " ") {
			return true
		}
	}
	return false
}

// afterDone reports whether pos lies where fi's own context has ended:
// in the body of a select case on its Done channel, or of an if on
// ctx.Err() != nil. A wait that ends by itself there is the function's
// clean-up after cancellation (waiting a bounded time for a process it
// killed), not a wait that ignores it: there is nothing left to honour.
func (s *state) afterDone(fi *funcInfo, pos token.Pos) bool {
	if fi == nil || fi.ctxVar == nil || fi.body == nil {
		return false
	}
	isCtx := func(e ast.Expr) bool {
		e = astutil.Unparen(e)
		if fi.ctxCall {
			call, ok := e.(*ast.CallExpr)
			if !ok {
				return false
			}
			sel, ok := astutil.Unparen(call.Fun).(*ast.SelectorExpr)
			if !ok || sel.Sel.Name != "Context" {
				return false
			}
			e = astutil.Unparen(sel.X)
		}
		id, ok := e.(*ast.Ident)
		return ok && s.info.Uses[id] == fi.ctxVar
	}
	method := func(e ast.Expr, name string) bool {
		call, ok := astutil.Unparen(e).(*ast.CallExpr)
		if !ok || len(call.Args) != 0 {
			return false
		}
		sel, ok := astutil.Unparen(call.Fun).(*ast.SelectorExpr)
		return ok && sel.Sel.Name == name && isCtx(sel.X)
	}
	for _, n := range enclosing(fi.body, pos) {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false // pos is in a function written in fi
		case *ast.CommClause:
			if n.Colon < pos {
				if u, ok := commOp(n.Comm).(*ast.UnaryExpr); ok && u.Op == token.ARROW && method(u.X, "Done") {
					return true
				}
			}
		case *ast.IfStmt:
			b, ok := astutil.Unparen(n.Cond).(*ast.BinaryExpr)
			if ok && b.Op == token.NEQ && isNil(s.info, b.Y) && method(b.X, "Err") && n.Body.Pos() <= pos && pos < n.Body.End() {
				return true
			}
		}
	}
	return false
}

// enclosing is the path from root down to the innermost node that holds
// pos, outermost first: at each level only the children of the node
// are looked at, so it costs the depth, not the size, of root.
func enclosing(root ast.Node, pos token.Pos) []ast.Node {
	if root == nil || pos < root.Pos() || pos >= root.End() {
		return nil
	}
	path := []ast.Node{root}
	for {
		cur := path[len(path)-1]
		var next ast.Node
		ast.Inspect(cur, func(n ast.Node) bool {
			if n == nil || n == cur {
				return n == cur
			}
			if next == nil && n.Pos() <= pos && pos < n.End() {
				next = n
			}
			return false
		})
		if next == nil {
			return path
		}
		path = append(path, next)
	}
}
