package analyzer

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ast/astutil"
)

// checkWaitGroup finds the two sync.WaitGroup mistakes that make a wait
// hang or end early:
//
//   - Wait inside the loop that starts the goroutines it waits for,
//     with the Add outside that loop: the first Wait waits for
//     goroutines that are not started yet.
//   - Add as the first statement of the goroutine it counts: it may
//     run after Wait has already returned.
func checkWaitGroup(w *walker, fi *funcInfo) {
	inspect(fi.body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false // walked as a function of its own
		case *ast.ForStmt:
			w.waitInLoop(fi, n.Body)
		case *ast.RangeStmt:
			w.waitInLoop(fi, n.Body)
		case *ast.GoStmt:
			body, _ := w.goBody(n.Call)
			if body == nil || len(body.List) == 0 {
				break
			}
			if call, recv := w.wgCall(body.List[0], "Add"); call != nil {
				fi.ops = append(fi.ops, &op{pos: call.Pos(), node: call, call: call, family: Sync, what: recv + ".Add", inert: true,
					msg: recv + ".Add inside the goroutine it counts may run after " + recv + ".Wait has returned: call Add before the go statement"})
			}
		}
		return true
	})
}

// waitInLoop reports a Wait in a loop body that also starts a goroutine
// calling Done on the same WaitGroup, when the body has no Add.
func (w *walker) waitInLoop(fi *funcInfo, body *ast.BlockStmt) {
	started := map[string]bool{}
	added := map[string]bool{}
	inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.GoStmt:
			if body, rename := w.goBody(n.Call); body != nil {
				inspect(body, func(m ast.Node) bool {
					if call, ok := m.(*ast.CallExpr); ok {
						if recv := w.wgMethod(call, "Done"); recv != "" {
							started[rename(recv)] = true
						}
					}
					return true
				})
			}
			return false
		case *ast.FuncLit:
			return false
		case *ast.CallExpr:
			if recv := w.wgMethod(n, "Add"); recv != "" {
				added[recv] = true
			}
		}
		return true
	})
	var wait *ast.CallExpr
	var recv string
	for _, stmt := range body.List {
		if call, r := w.wgCall(stmt, "Wait"); call != nil && started[r] && !added[r] {
			wait, recv = call, r
		}
	}
	if wait == nil {
		return
	}
	fi.ops = append(fi.ops, &op{pos: wait.Pos(), node: wait, call: wait, family: Sync, what: recv + ".Wait", inert: true,
		msg: recv + ".Wait inside the loop that starts the goroutines it waits for hangs or ends early: Add in the loop, and Wait after it"})
}

// goBody is the body a go statement runs: a literal's, or a function's
// of this package. rename turns a receiver written in that body into
// the caller's words: a parameter into the argument passed for it,
// the method's receiver into the expression it is called on.
func (w *walker) goBody(call *ast.CallExpr) (*ast.BlockStmt, func(string) string) {
	same := func(s string) string { return s }
	if lit, ok := astutil.Unparen(call.Fun).(*ast.FuncLit); ok {
		return lit.Body, same
	}
	callee := staticCallee(w.s.info, call)
	fi := w.s.byObj[callee]
	if fi == nil || fi.decl == nil {
		return nil, same
	}
	names := map[string]string{}
	args := call.Args
	recv := ""
	if sel, ok := astutil.Unparen(call.Fun).(*ast.SelectorExpr); ok && fi.decl.Recv != nil {
		recv = types.ExprString(sel.X)
		if isMethodExpr(w.s.info, call.Fun) && len(args) > 0 {
			// (*T).M(x, args...): the receiver is the first argument.
			recv, args = types.ExprString(stripAddr(args[0])), args[1:]
		}
		for _, f := range fi.decl.Recv.List {
			for _, n := range f.Names {
				names[n.Name] = recv
			}
		}
	}
	i := 0
	for _, f := range fi.decl.Type.Params.List {
		for _, n := range f.Names {
			if i < len(args) {
				names[n.Name] = types.ExprString(stripAddr(args[i]))
			}
			i++
		}
		if len(f.Names) == 0 {
			i++
		}
	}
	return fi.body, func(recv string) string {
		root, rest, _ := strings.Cut(recv, ".")
		if to, ok := names[root]; ok {
			if rest == "" {
				return to
			}
			return to + "." + rest
		}
		return recv
	}
}

// stripAddr is e without a leading &.
func stripAddr(e ast.Expr) ast.Expr {
	e = astutil.Unparen(e)
	if u, ok := e.(*ast.UnaryExpr); ok && u.Op == token.AND {
		return u.X
	}
	return e
}

// wgCall reports whether stmt is a call of the WaitGroup method name,
// and the receiver as written.
func (w *walker) wgCall(stmt ast.Stmt, name string) (*ast.CallExpr, string) {
	es, ok := stmt.(*ast.ExprStmt)
	if !ok {
		return nil, ""
	}
	call, ok := astutil.Unparen(es.X).(*ast.CallExpr)
	if !ok {
		return nil, ""
	}
	if recv := w.wgMethod(call, name); recv != "" {
		return call, recv
	}
	return nil, ""
}

// wgMethod is the receiver of call when it calls (*sync.WaitGroup).name.
func (w *walker) wgMethod(call *ast.CallExpr, name string) string {
	fn := staticCallee(w.s.info, call)
	if fn == nil || fn.FullName() != "(*sync.WaitGroup)."+name {
		return ""
	}
	sel, ok := astutil.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return ""
	}
	x := sel.X
	if u, ok := x.(*ast.UnaryExpr); ok && u.Op == token.AND {
		x = u.X
	}
	return types.ExprString(x)
}
