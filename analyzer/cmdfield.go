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
	s.fieldSets(func(f *types.Var, rhs ast.Expr) {
		if !isExecCmd(f.Type()) || isNil(s.info, rhs) {
			return
		}
		if call, ok := astutil.Unparen(rhs).(*ast.CallExpr); ok && calleeName(s.info, call) == "os/exec.Command" && types.Identical(s.info.TypeOf(call), f.Type()) {
			if built[f] == nil {
				built[f] = call
			}
			return
		}
		other[f] = true
	})
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
