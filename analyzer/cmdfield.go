package analyzer

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/ast/astutil"
)

// A command kept in a field: built by exec.Command in one function (a
// constructor, with no context), run in another that has one. The run
// blocks until the process exits, whatever the context says; the
// finding is at the run, where the context is, and names where the
// command was built.

// cmdFields are the *exec.Cmd fields the package sets, in assignments
// and composite literals, only to exec.Command calls (or nil): for
// each, the first such call. A field ever set to anything else (a
// CommandContext, a command from elsewhere) is left out.
func (s *state) cmdFields() map[*types.Var]*ast.CallExpr {
	x := s.idx()
	if x.cmdFields != nil {
		return x.cmdFields
	}
	built, other := map[*types.Var]*ast.CallExpr{}, map[*types.Var]bool{}
	note := func(f *types.Var, rhs ast.Expr) {
		if f == nil || !isExecCmd(f.Type()) {
			return
		}
		rhs = astutil.Unparen(rhs)
		if rhs == nil {
			other[f] = true
			return
		}
		if isNil(s.info, rhs) {
			return
		}
		if call, ok := rhs.(*ast.CallExpr); ok && calleeName(s.info, call) == "os/exec.Command" {
			if built[f] == nil {
				built[f] = call
			}
			return
		}
		other[f] = true
	}
	for _, file := range s.pass.Files {
		ast.Inspect(file, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.AssignStmt:
				for i, l := range n.Lhs {
					var rhs ast.Expr
					if len(n.Lhs) == len(n.Rhs) {
						rhs = n.Rhs[i]
					}
					note(fieldOf(s.info, l), rhs)
				}
			case *ast.CompositeLit:
				for _, e := range n.Elts {
					kv, ok := e.(*ast.KeyValueExpr)
					if !ok {
						continue
					}
					if id, ok := kv.Key.(*ast.Ident); ok {
						if f, ok := s.info.Uses[id].(*types.Var); ok && f.IsField() {
							note(f, kv.Value)
						}
					}
				}
			}
			return true
		})
	}
	for f := range other {
		delete(built, f)
	}
	x.cmdFields = built
	return built
}

// fieldCmdRun is the operation of running (Run, Output or
// CombinedOutput) a command kept in a field that only exec.Command
// sets; nil for any other run. A Wait for a command started elsewhere
// reaps the process, whose life is ended by killing it: not counted.
func (s *state) fieldCmdRun(run *ast.CallExpr, sel *ast.SelectorExpr) *op {
	f := fieldOf(s.info, sel.X)
	if f == nil || sel.Sel.Name == "Wait" {
		return nil
	}
	built := s.cmdFields()[f]
	if built == nil {
		return nil
	}
	what := "(*exec.Cmd)." + sel.Sel.Name + " of " + types.ExprString(sel.X) + ", built by exec.Command at " + s.where(built.Pos()) + ","
	return &op{pos: run.Pos(), node: run, call: run, family: Exec, what: what,
		alt: "build the command with exec.CommandContext where the context is at hand, or kill its process when ctx is done"}
}
