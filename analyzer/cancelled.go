package analyzer

import (
	"go/ast"
	"go/token"
	"go/types"

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
func (s *state) calledBefore(file *ast.File, body *ast.BlockStmt, cancel types.Object, pos token.Pos, resets ...types.Object) bool {
	if file == nil || body == nil || cancel == nil {
		return false
	}
	path, _ := astutil.PathEnclosingInterval(file, pos, pos)
	called := false
	// The path runs from pos outwards; walk it from the body inwards.
	inBody := false
	for i := len(path) - 1; i >= 0; i-- {
		if path[i] == body {
			inBody = true
		}
		if !inBody {
			continue
		}
		var list []ast.Stmt
		switch n := path[i].(type) {
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
		if ctx == v && as.End() <= pos && s.calledBefore(fi.file, fi.body, cancel, pos, v) {
			done = true
		}
	})
	return done
}
