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

// scanCondClose maps each Cond field that some function broadcasts on
// after setting a bool field to true, to those fields.
func scanCondClose(info *types.Info, files []*ast.File) map[*types.Var][]*types.Var {
	out := map[*types.Var][]*types.Var{}
	for _, f := range files {
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Body == nil {
				continue
			}
			var conds, flags []*types.Var
			ast.Inspect(fd.Body, func(n ast.Node) bool {
				switch n := n.(type) {
				case *ast.CallExpr:
					if fn := staticCallee(info, n); fn != nil && fn.FullName() == "(*sync.Cond).Broadcast" {
						if sel, ok := astutil.Unparen(n.Fun).(*ast.SelectorExpr); ok {
							if c := fieldOf(info, sel.X); c != nil {
								conds = append(conds, c)
							}
						}
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
				out[c] = append(out[c], flags...)
			}
		}
	}
	return out
}

// closableWait reports whether call, a Cond.Wait, is on a Cond that a
// Close broadcasts on, in a function body that reads Close's flag.
func (s *state) closableWait(body *ast.BlockStmt, call *ast.CallExpr) bool {
	sel, ok := astutil.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok || body == nil {
		return false
	}
	flags := s.condClose[fieldOf(s.info, sel.X)]
	if len(flags) == 0 {
		return false
	}
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		if e, ok := n.(*ast.SelectorExpr); ok {
			if fv := fieldOf(s.info, e); fv != nil {
				for _, f := range flags {
					found = found || fv == f
				}
			}
		}
		return !found
	})
	return found
}
