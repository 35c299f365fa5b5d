package analyzer

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/astutil"
)

// offloadFix is the fix of a blocking call that has no variant taking
// a context (a system call, a function named with -blocking): the call
// runs in a goroutine that hands its result over on a channel with
// room for it, and the function waits for that channel or for ctx.
// The call itself keeps running after the function gives up; the fix's
// message says so. Only a call that is a statement of its own, or
// whose one result is assigned to one variable, or whose results are
// all defined as new variables (offloadResults), is rewritten:
//
//	CALL           ->  done := make(chan struct{})
//	                   go func() { defer close(done); CALL }()
//	                   select { case <-done: case <-ctx.Done(): return ... }
//
//	x := CALL      ->  xc := make(chan T, 1)
//	                   go func() { xc <- CALL }()
//	                   var x T
//	                   select { case x = <-xc: case <-ctx.Done(): return ... }
func (s *state) offloadFix(o *op, fi *funcInfo, ctx string) []analysis.SuggestedFix {
	if o.call == nil {
		return nil
	}
	file, fn, path, stmt := s.stmtOf(o, fi)
	if stmt == nil || s.hasGoto(fn) {
		return nil
	}
	scope := s.scopeAt(fi, stmt.Pos())
	ret, ok := s.earlyReturn(fn, file, ctx, s.scopeAt(fi, o.pos), o.pos)
	if !ok {
		return nil
	}
	indent, ok := s.indentOf(stmt)
	if !ok {
		return nil
	}
	call := s.source(o.call)
	var text string
	switch st := stmt.(type) {
	case *ast.ExprStmt:
		if astutil.Unparen(st.X) != ast.Expr(o.call) {
			return nil
		}
		done := s.freeName(scope, stmt.Pos(), "done", callsBefore(path, stmt))
		text = fmt.Sprintf("%s := make(chan struct{})\n%sgo func() {\n%s\tdefer close(%s)\n%s\t%s\n%s}()\n%sselect {\n%scase <-%s:\n%scase <-%s.Done():\n%s\t%s\n%s}",
			done, indent, indent, done, indent, call, indent, indent, indent, done, indent, ctx, indent, ret, indent)
	case *ast.AssignStmt:
		if len(st.Lhs) > 1 && len(st.Rhs) == 1 && astutil.Unparen(st.Rhs[0]) == ast.Expr(o.call) {
			text = s.offloadResults(o, file, scope, path, st, indent, call, ctx, ret)
			break
		}
		if len(st.Lhs) != 1 || len(st.Rhs) != 1 || astutil.Unparen(st.Rhs[0]) != ast.Expr(o.call) {
			return nil
		}
		if st.Tok != token.DEFINE && st.Tok != token.ASSIGN {
			return nil
		}
		id := identOf(st.Lhs[0])
		if id == nil || id.Name == "_" {
			return nil
		}
		t := s.info.TypeOf(o.call)
		qual, _ := s.qualifier(file, scope, stmt.Pos())
		typ := types.TypeString(t, qual)
		if t == nil || strings.Contains(typ, "?") {
			return nil // a type this file cannot name
		}
		ch := s.freeName(scope, stmt.Pos(), id.Name+"C", callsBefore(path, stmt))
		decl := ""
		if st.Tok == token.DEFINE {
			decl = fmt.Sprintf("var %s %s\n%s", id.Name, typ, indent)
		}
		text = fmt.Sprintf("%s := make(chan %s, 1)\n%sgo func() { %s <- %s }()\n%s%sselect {\n%scase %s = <-%s:\n%scase <-%s.Done():\n%s\t%s\n%s}",
			ch, typ, indent, ch, call, indent, decl, indent, id.Name, ch, indent, ctx, indent, ret, indent)
	default:
		return nil
	}
	if text == "" {
		return nil
	}
	return []analysis.SuggestedFix{{
		Message:   "Wait for the call in a goroutine and stop waiting when " + ctx + " is done (the call itself keeps running)",
		TextEdits: []analysis.TextEdit{{Pos: stmt.Pos(), End: stmt.End(), NewText: []byte(text)}},
	}}
}

// offloadResults is the offloaded form of x, err := CALL, for a call
// with several results that the statement defines, every one a new
// variable (or _): only the goroutine writes them, and the function
// reads them only once the goroutine is done.
//
//	var x T
//	var err error
//	done := make(chan struct{})
//	go func() {
//		defer close(done)
//		x, err = CALL
//	}()
//	select { case <-done: case <-ctx.Done(): return ... }
func (s *state) offloadResults(o *op, file *ast.File, scope *types.Scope, path []ast.Node, st *ast.AssignStmt, indent, call, ctx, ret string) string {
	if st.Tok != token.DEFINE {
		return ""
	}
	tuple, ok := s.info.TypeOf(o.call).(*types.Tuple)
	if !ok || tuple.Len() != len(st.Lhs) {
		return ""
	}
	qual, _ := s.qualifier(file, scope, st.Pos())
	var decls, lhs []string
	for i, l := range st.Lhs {
		id := identOf(l)
		if id == nil {
			return ""
		}
		lhs = append(lhs, id.Name)
		if id.Name == "_" {
			continue
		}
		if s.info.Defs[id] == nil {
			return "" // an existing variable: another may read it
		}
		typ := types.TypeString(tuple.At(i).Type(), qual)
		if strings.Contains(typ, "?") {
			return "" // a type this file cannot name
		}
		decls = append(decls, "var "+id.Name+" "+typ+"\n"+indent)
	}
	done := s.freeName(scope, st.Pos(), "done", callsBefore(path, st))
	return fmt.Sprintf("%s%s := make(chan struct{})\n%sgo func() {\n%s\tdefer close(%s)\n%s\t%s = %s\n%s}()\n%sselect {\n%scase <-%s:\n%scase <-%s.Done():\n%s\t%s\n%s}",
		strings.Join(decls, ""), done, indent, indent, done, indent, strings.Join(lhs, ", "), call, indent, indent, indent, done, indent, ctx, indent, ret, indent)
}

// callsBefore counts the call statements (a call, or an assignment of
// one) before stmt in its block: each offloaded call picks a name of
// its own by it, so that fixes applied together declare no name twice.
func callsBefore(path []ast.Node, stmt ast.Stmt) int {
	for i, n := range path {
		if n != ast.Node(stmt) || i+1 == len(path) {
			continue
		}
		list, _ := stmtList(path[i+1])
		n := 0
		for _, st := range list {
			if st == stmt {
				return n
			}
			switch st := st.(type) {
			case *ast.ExprStmt:
				if _, ok := astutil.Unparen(st.X).(*ast.CallExpr); ok {
					n++
				}
			case *ast.AssignStmt:
				if len(st.Rhs) == 1 {
					if _, ok := astutil.Unparen(st.Rhs[0]).(*ast.CallExpr); ok {
						n++
					}
				}
			}
		}
	}
	return 0
}
