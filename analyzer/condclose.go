package analyzer

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/ast/astutil"
)

// The closable Cond: a queue whose Close sets a flag and broadcasts.
//
//	func (q *Queue) Close() {
//		q.mu.Lock()
//		q.closed = true
//		q.cond.Broadcast()
//		q.mu.Unlock()
//	}
//
//	func (q *Queue) Wait() bool {
//		q.mu.Lock()
//		defer q.mu.Unlock()
//		if q.closed {
//			return false
//		}
//		q.cond.Wait()
//		return true
//	}
//
// A Wait in a function that checks the flag is woken by Close: it is
// how the waiter is stopped, and no finding, unless the function has a
// context at hand, whose cancellation the Wait still ignores.
//
// The same holds when the closer cancels a context before it
// broadcasts, and the waiter checks a context's Err: the context's
// cancellation is what wakes it.
//
//	p.cond.L.Lock()
//	p.cancelBackground()
//	p.cond.Broadcast()
//	p.cond.L.Unlock()
//
//	for !ready() && ctx.Err() == nil {
//		p.cond.Wait()
//	}

// condCloser is what the functions that broadcast on one Cond do
// before they broadcast.
type condCloser struct {
	flags   []*types.Var // bool fields they set to true
	cancels bool         // they call a context.CancelFunc
}

// scanCondClose finds, for each Cond field, what the functions that
// broadcast on it set or cancel.
func scanCondClose(info *types.Info, files []*ast.File) map[*types.Var]*condCloser {
	out := map[*types.Var]*condCloser{}
	for _, f := range files {
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Body == nil {
				continue
			}
			var conds, flags []*types.Var
			cancels := false
			inspect(fd.Body, func(n ast.Node) bool {
				switch n := n.(type) {
				case *ast.CallExpr:
					if fn := staticCallee(info, n); fn != nil && fn.FullName() == "(*sync.Cond).Broadcast" {
						if sel, ok := astutil.Unparen(n.Fun).(*ast.SelectorExpr); ok {
							if c := fieldOf(info, sel.X); c != nil {
								conds = append(conds, c)
							}
						}
					}
					if isCancelFunc(info.TypeOf(n.Fun)) {
						cancels = true
					}
				case *ast.AssignStmt:
					for i, lhs := range n.Lhs {
						fv := fieldOf(info, lhs)
						if fv == nil || i >= len(n.Rhs) {
							continue
						}
						if tv, ok := info.Types[n.Rhs[i]]; ok && tv.Value != nil && tv.Value.ExactString() == "true" {
							flags = append(flags, fv)
						}
					}
				}
				return true
			})
			for _, c := range conds {
				if out[c] == nil {
					out[c] = &condCloser{}
				}
				out[c].flags = append(out[c].flags, flags...)
				out[c].cancels = out[c].cancels || cancels
			}
		}
	}
	return out
}

// isCancelFunc reports whether t is context.CancelFunc.
func isCancelFunc(t types.Type) bool {
	n, ok := types.Unalias(t).(*types.Named)
	return ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == "context" && n.Obj().Name() == "CancelFunc"
}

// closableWait reports whether call, a Cond.Wait in fi, is woken by
// what a closer does before it broadcasts: a flag fi reads (when fi has
// no context at hand), or a context fi checks.
func (s *state) closableWait(fi *funcInfo, call *ast.CallExpr) bool {
	sel, ok := astutil.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok || fi.body == nil {
		return false
	}
	cc := s.condClose[fieldOf(s.info, sel.X)]
	if cc == nil {
		return false
	}
	reads := s.condReads(fi)
	if cc.cancels && reads.ctxErr {
		return true
	}
	if fi.hasCtx {
		return false
	}
	for _, f := range cc.flags {
		if reads.fields[f] {
			return true
		}
	}
	return false
}

// condReading is what a function body reads that can wake a Cond.Wait:
// struct fields, and whether it checks a context's Err.
type condReading struct {
	fields map[*types.Var]bool
	ctxErr bool
}

// condReads is what fi's body reads, found once per function.
func (s *state) condReads(fi *funcInfo) *condReading {
	x := s.idx()
	if r := x.condReads[fi]; r != nil {
		return r
	}
	r := &condReading{fields: map[*types.Var]bool{}}
	inspect(fi.body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.SelectorExpr:
			if fv := fieldOf(s.info, n); fv != nil {
				r.fields[fv] = true
			}
		case *ast.CallExpr:
			if fn := staticCallee(s.info, n); fn != nil && fn.FullName() == "(context.Context).Err" {
				r.ctxErr = true
			}
		}
		return true
	})
	x.condReads[fi] = r
	return r
}
