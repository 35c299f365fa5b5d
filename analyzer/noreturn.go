package analyzer

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/ast/astutil"
)

// neverReturns reports whether a call of the package's own code cannot
// return: a function of the package, or a function-typed field of the
// package's unexported fields, whose every value the package gives it
// is a function that cannot return. Such a function has no return
// statement and ends in a call that does not return (a panic, an exit,
// a fatal log): an injected func(...) that logs and panics, for one.
// Without -tests, values only test files give do not count; with it,
// they do.
func (s *state) neverReturns(call *ast.CallExpr) bool {
	if fn := staticCallee(s.info, call); fn != nil {
		if fn.Pkg() != s.pass.Pkg {
			return false
		}
		if fi := s.byObj[fn]; fi != nil && fi.body != nil {
			return s.bodyNeverReturns(fn, fi.body)
		}
		return false // another package's, or an interface's method
	}
	sel, ok := astutil.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return false
	}
	f, ok := s.info.Uses[sel.Sel].(*types.Var)
	if !ok || !f.IsField() || f.Exported() || f.Pkg() != s.pass.Pkg {
		return false
	}
	if _, isFunc := under(f.Type()).(*types.Signature); !isFunc {
		return false
	}
	return s.bodyNeverReturns(f, nil)
}

// bodyNeverReturns answers neverReturns for a function (with its body)
// or a field (body nil: each value set into it), once per object.
func (s *state) bodyNeverReturns(obj types.Object, body *ast.BlockStmt) bool {
	x := s.idx()
	if x.noReturn == nil {
		x.noReturn = map[types.Object]bool{}
	}
	if v, ok := x.noReturn[obj]; ok {
		return v
	}
	x.noReturn[obj] = false // while it is worked out: recursion may return
	var v bool
	if body != nil {
		v = s.blockNeverReturns(body)
	} else {
		v = s.fieldNeverReturns(obj.(*types.Var))
	}
	x.noReturn[obj] = v
	return v
}

// blockNeverReturns reports whether a function body cannot return: it
// has no return statement (outside the function literals in it), so
// every way out runs its last statement, and that statement is a call
// that does not return.
func (s *state) blockNeverReturns(body *ast.BlockStmt) bool {
	if len(body.List) == 0 {
		return false
	}
	es, ok := body.List[len(body.List)-1].(*ast.ExprStmt)
	if !ok {
		return false
	}
	call, ok := astutil.Unparen(es.X).(*ast.CallExpr)
	if !ok || s.mayReturn(call) {
		return false
	}
	returns := false
	ast.Inspect(body, func(n ast.Node) bool {
		switch n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			returns = true
		}
		return !returns
	})
	return !returns
}

// fieldNeverReturns reports whether every value the package sets into
// the function-typed field f is a function that cannot return: a
// function literal, a local variable given one literal, or a function
// of the package. A field set nowhere, or to anything else, may return.
func (s *state) fieldNeverReturns(f *types.Var) bool {
	sets, all := 0, true
	lits := s.localLits()
	s.fieldSets(func(g *types.Var, rhs ast.Expr) {
		if g != f || !all {
			return
		}
		sets++
		rhs = astutil.Unparen(rhs)
		switch e := rhs.(type) {
		case *ast.FuncLit:
			all = s.blockNeverReturns(e.Body)
			return
		case *ast.Ident:
			switch o := s.info.Uses[e].(type) {
			case *types.Var:
				if lit := lits[o]; lit != nil {
					all = s.blockNeverReturns(lit.Body)
					return
				}
			case *types.Func:
				if fi := s.byObj[o]; fi != nil && fi.body != nil {
					all = s.bodyNeverReturns(o, fi.body)
					return
				}
			}
		}
		all = false
	})
	return sets > 0 && all
}
