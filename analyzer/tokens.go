package analyzer

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/ast/astutil"
)

// Semaphore tokens taken in one function and given back in another.
//
// A try-acquire is a send of a token in a select case that then does
// the work the token stands for:
//
//	select {
//	case e.limiter <- struct{}{}:
//		e.in <- job // the worker gives the token back when done
//	default:
//		// busy: try later
//	}
//
// and the worker that runs the job gives the token back with a bare
// receive, often from a parameter the channel was passed in:
//
//	<-limiter
//
// That receive cannot block: a token was taken before the work was
// handed over. A select case that sends and does nothing else is a
// notification that coalesces (select { case c.wake <- struct{}{}:
// default: }), and a receive from it waits for the next one: it stays
// a finding.

// scanReleases finds the bare receives that give back a token: from a
// buffered signal channel, a field or package variable (or a
// parameter that every call in the package passes one) on which the
// package does a try-acquire.
func scanReleases(info *types.Info, files []*ast.File, makes map[*types.Var][]int64, sources map[*types.Var][]*types.Var) map[*ast.UnaryExpr]bool {
	acquired := map[*types.Var]bool{}
	var recvs []*ast.UnaryExpr
	chanVar := func(e ast.Expr) *types.Var {
		if fv := fieldOf(info, e); fv != nil {
			return fv
		}
		return pkgVar(info, e)
	}
	for _, f := range files {
		inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.CommClause:
				if send, ok := n.Comm.(*ast.SendStmt); ok && len(n.Body) > 0 && isSignalChan(info.TypeOf(send.Chan)) {
					if v := chanVar(send.Chan); v != nil {
						acquired[v] = true
					}
				}
			case *ast.ExprStmt:
				if u, ok := astutil.Unparen(n.X).(*ast.UnaryExpr); ok && u.Op == token.ARROW && isSignalChan(info.TypeOf(u.X)) {
					recvs = append(recvs, u)
				}
			}
			return true
		})
	}
	token := func(v *types.Var) bool {
		if v == nil || !acquired[v] || len(makes[v]) == 0 {
			return false
		}
		for _, c := range makes[v] {
			if c == 0 {
				return false
			}
		}
		return true
	}
	releases := map[*ast.UnaryExpr]bool{}
	for _, u := range recvs {
		if v := chanVar(u.X); v != nil {
			releases[u] = token(v)
			continue
		}
		p := localVar(info, u.X)
		if p == nil || len(sources[p]) == 0 || slices.Contains(sources[p], nil) {
			continue
		}
		all := true
		for _, v := range sources[p] {
			all = all && token(v)
		}
		releases[u] = all
	}
	return releases
}

// scanParamSources maps each channel parameter of an unexported
// function of the package to the fields and package variables its
// calls pass for it; a nil entry means one call passes something else.
// Exported functions are left out: callers elsewhere pass what they
// like.
func scanParamSources(info *types.Info, files []*ast.File, pkg *types.Package) map[*types.Var][]*types.Var {
	sources := map[*types.Var][]*types.Var{}
	for _, f := range files {
		inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			fn := staticCallee(info, call)
			if fn == nil || fn.Pkg() != pkg || fn.Exported() {
				return true
			}
			sig, ok := fn.Type().(*types.Signature)
			if !ok || sig.Variadic() {
				return true
			}
			for i, arg := range call.Args {
				if i >= sig.Params().Len() {
					break
				}
				p := sig.Params().At(i)
				if _, isChan := under(p.Type()).(*types.Chan); !isChan {
					continue
				}
				v := fieldOf(info, arg)
				if v == nil {
					v = pkgVar(info, arg)
				}
				sources[p] = append(sources[p], v)
			}
			return true
		})
	}
	return sources
}
