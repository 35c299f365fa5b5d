package analyzer

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/astutil"
)

// offloadFix is the fix of a blocking call that has no variant taking
// a context (a system call, a function named with -blocking): the call
// runs in a goroutine that hands its result over on a channel with
// room for it, and the function waits for that channel or for ctx.
// The call itself keeps running after the function gives up; the fix's
// message says so. Only a call that is a statement of its own, or the
// whole right-hand side of an assignment (offloadAssign), is
// rewritten; an assignment that is an if statement's initialiser is
// first moved before the if, where that changes no name's meaning
// (hoistable):
//
//	CALL           ->  done := make(chan struct{})
//	                   go func() { defer close(done); CALL }()
//	                   select { case <-done: case <-ctx.Done(): return ... }
func (s *state) offloadFix(o *op, fi *funcInfo, ctx string) []analysis.SuggestedFix {
	if o.call == nil {
		return nil
	}
	file, fn, path, stmt := s.stmtOf(o, fi)
	if stmt == nil || s.gotoOver(fn, path, stmt) || s.cancelPending(fn, stmt.Pos()) {
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
	w := offloadWriter{s: s, file: file, scope: scope, pos: stmt.Pos(), skip: callsBefore(path, stmt), indent: indent, call: s.source(o.call), ctx: ctx, ret: ret}
	var text string
	end := stmt.End()
	switch st := stmt.(type) {
	case *ast.ExprStmt:
		if astutil.Unparen(st.X) != ast.Expr(o.call) {
			return nil
		}
		done := w.name("done")
		text = fmt.Sprintf("%s := make(chan struct{})\n%sgo func() {\n%s\tdefer close(%s)\n%s\t%s\n%s}()\n%s",
			done, indent, indent, done, indent, w.call, indent, w.wait("<-"+done))
	case *ast.AssignStmt:
		text = w.assign(st, o.call)
	case *ast.ReturnStmt:
		text = w.returned(st, o.call)
	case *ast.IfStmt:
		init, ok := st.Init.(*ast.AssignStmt)
		if !ok || !s.hoistable(st, init, path) {
			return nil
		}
		if text = w.assign(init, o.call); text != "" {
			text += "\n" + indent + "if "
			end = st.Cond.Pos()
		}
	}
	if text == "" {
		return nil
	}
	return []analysis.SuggestedFix{{
		Message:   "Wait for the call in a goroutine and stop waiting when " + ctx + " is done (the call itself keeps running)",
		TextEdits: []analysis.TextEdit{{Pos: stmt.Pos(), End: end, NewText: []byte(text)}},
	}}
}

// offloadWriter writes the offloaded form of one statement.
type offloadWriter struct {
	s      *state
	file   *ast.File
	scope  *types.Scope
	pos    token.Pos // the statement's
	skip   int       // call statements before it in its block
	indent string
	call   string // the call's source
	ctx    string
	ret    string // the return statement when ctx is done
}

// name is a name free at the statement, its own among the offloaded
// calls of the block.
func (w *offloadWriter) name(base string) string {
	return w.s.freeName(w.scope, w.pos, base, w.skip)
}

// typ names t in the file, or fails for a type the file cannot name.
func (w *offloadWriter) typ(t types.Type) (string, bool) {
	qual, _ := w.s.qualifier(w.file, w.scope, w.pos)
	typ := types.TypeString(t, qual)
	return typ, t != nil && !strings.Contains(typ, "?")
}

// wait is the select on the goroutine's channel and ctx.Done().
func (w *offloadWriter) wait(recv string) string {
	in := w.indent
	return fmt.Sprintf("select {\n%scase %s:\n%scase <-%s.Done():\n%s\t%s\n%s}", in, recv, in, w.ctx, in, w.ret, in)
}

// assign is the offloaded form of an assignment whose right-hand side
// is the call: the one-result form for a single variable or field, or
// offloadResults for several.
//
//	x := CALL      ->  xC := make(chan T, 1)
//	                   go func() { xC <- CALL }()
//	                   var x T
//	                   select { case x = <-xC: case <-ctx.Done(): return ... }
func (w *offloadWriter) assign(st *ast.AssignStmt, call *ast.CallExpr) string {
	if len(st.Rhs) != 1 || astutil.Unparen(st.Rhs[0]) != ast.Expr(call) || (st.Tok != token.DEFINE && st.Tok != token.ASSIGN) {
		return ""
	}
	if len(st.Lhs) > 1 {
		return w.results(st, call)
	}
	base := lhsName(st.Lhs[0])
	if base == "" || base == "_" {
		return ""
	}
	typ, ok := w.typ(w.s.info.TypeOf(call))
	if !ok {
		return ""
	}
	lhs := w.s.source(st.Lhs[0])
	ch := w.name(base + "C")
	in := w.indent
	decl := ""
	if st.Tok == token.DEFINE {
		decl = fmt.Sprintf("var %s %s\n%s", lhs, typ, in)
	}
	return fmt.Sprintf("%s := make(chan %s, 1)\n%sgo func() { %s <- %s }()\n%s%s%s",
		ch, typ, in, ch, w.call, in, decl, w.wait(lhs+" = <-"+ch))
}

// returned is the offloaded form of a return statement whose one
// result is the call, of one value, and whose others are constants or
// variables (when the call and they are evaluated is left open by the
// language anyway):
//
//	return CALL, nil  ->  resC := make(chan T, 1)
//	                      go func() { resC <- CALL }()
//	                      select {
//	                      case res := <-resC:
//	                      	return res, nil
//	                      case <-ctx.Done():
//	                      	return ...
//	                      }
func (w *offloadWriter) returned(st *ast.ReturnStmt, call *ast.CallExpr) string {
	at := -1
	for i, r := range st.Results {
		switch {
		case astutil.Unparen(r) == ast.Expr(call):
			at = i
		case isConst(w.s, r) || isNil(w.s.info, r):
		case identOf(r) != nil:
			if _, ok := w.s.info.Uses[identOf(r)].(*types.Var); !ok {
				return ""
			}
		default:
			return ""
		}
	}
	if at < 0 {
		return ""
	}
	typ, ok := w.typ(w.s.info.TypeOf(call))
	if _, tuple := w.s.info.TypeOf(call).(*types.Tuple); !ok || tuple {
		return ""
	}
	res, ch := w.name("res"), w.name("resC")
	results := make([]string, len(st.Results))
	for i, r := range st.Results {
		results[i] = w.s.source(r)
	}
	results[at] = res
	in := w.indent
	return fmt.Sprintf("%s := make(chan %s, 1)\n%sgo func() { %s <- %s }()\n%sselect {\n%scase %s := <-%s:\n%s\treturn %s\n%scase <-%s.Done():\n%s\t%s\n%s}",
		ch, typ, in, ch, w.call, in, in, res, ch, in, strings.Join(results, ", "), in, w.ctx, in, w.ret, in)
}

// results is the offloaded form of x, err := CALL (or =), for a call
// with several results. Only the goroutine writes what it assigns, and
// the function reads them only once the goroutine is done. A variable
// the statement defines is assigned in the goroutine; one that exists
// already (a named result the caller reads, a variable a closure
// shares) or a field is assigned from a copy once the call returned,
// so that nothing writes it after the function gave up.
//
//	var x T
//	var err1 error
//	done := make(chan struct{})
//	go func() {
//		defer close(done)
//		x, err1 = CALL
//	}()
//	select { case <-done: case <-ctx.Done(): return ... }
//	err = err1
func (w *offloadWriter) results(st *ast.AssignStmt, call *ast.CallExpr) string {
	tuple, ok := w.s.info.TypeOf(call).(*types.Tuple)
	if !ok || tuple.Len() != len(st.Lhs) {
		return ""
	}
	var decls, lhs, copyTo, copyFrom []string
	for i, l := range st.Lhs {
		base := lhsName(l)
		if base == "" {
			return ""
		}
		if base == "_" {
			lhs = append(lhs, base)
			continue
		}
		typ, ok := w.typ(tuple.At(i).Type())
		if !ok {
			return ""
		}
		name := base
		if id := identOf(l); id == nil || w.s.info.Defs[id] == nil {
			name = w.name(base)
			copyTo = append(copyTo, w.s.source(l))
			copyFrom = append(copyFrom, name)
		}
		lhs = append(lhs, name)
		decls = append(decls, "var "+name+" "+typ+"\n"+w.indent)
	}
	in := w.indent
	done := w.name("done")
	text := fmt.Sprintf("%s%s := make(chan struct{})\n%sgo func() {\n%s\tdefer close(%s)\n%s\t%s = %s\n%s}()\n%s%s",
		strings.Join(decls, ""), done, in, in, done, in, strings.Join(lhs, ", "), w.call, in, in, w.wait("<-"+done))
	if len(copyTo) > 0 {
		text += fmt.Sprintf("\n%s%s = %s", in, strings.Join(copyTo, ", "), strings.Join(copyFrom, ", "))
	}
	return text
}

// lhsName is the name a variable for an assignment's left-hand side
// is made from: the identifier, or the field of a selector on one (x.f,
// x.y.f). Other forms (an index, a dereference) are not rewritten: the
// copy after the call would evaluate their operands later.
func lhsName(e ast.Expr) string {
	e = astutil.Unparen(e)
	if id, ok := e.(*ast.Ident); ok {
		return id.Name
	}
	sel, ok := e.(*ast.SelectorExpr)
	if !ok {
		return ""
	}
	for x := astutil.Unparen(sel.X); ; {
		switch y := x.(type) {
		case *ast.Ident:
			return sel.Sel.Name
		case *ast.SelectorExpr:
			x = astutil.Unparen(y.X)
			continue
		}
		return ""
	}
}

// hoistable reports whether an if statement's initialiser can move
// before the if without changing what any name means: every variable
// it defines is declared nowhere else in the enclosing block, no later
// statement of the block refers to another object of that name, and
// none of them is named as one of the function's results, which a bare
// return after the if would then find shadowed.
func (s *state) hoistable(ifs *ast.IfStmt, init *ast.AssignStmt, path []ast.Node) bool {
	if init.Tok != token.DEFINE {
		return true
	}
	var parent ast.Node
	for i, n := range path {
		if n == ast.Node(ifs) && i+1 < len(path) {
			parent = path[i+1]
		}
	}
	list, ok := stmtList(parent)
	block := s.info.Scopes[parent]
	if ft, body := funcParts(path[len(path)-1]); parent == ast.Node(body) {
		block = s.info.Scopes[ft] // a body's scope is its function's
	}
	if !ok || block == nil {
		return false
	}
	rest := list[slices.Index(list, ast.Stmt(ifs))+1:]
	results := resultNames(path[len(path)-1])
	for _, l := range init.Lhs {
		id := identOf(l)
		if id == nil || id.Name == "_" || s.info.Defs[id] == nil {
			continue
		}
		if block.Lookup(id.Name) != nil || results[id.Name] {
			return false
		}
		clash := false
		for _, st := range rest {
			ast.Inspect(st, func(n ast.Node) bool {
				if x, ok := n.(*ast.Ident); ok && x.Name == id.Name {
					if obj := s.info.Uses[x]; obj != nil && obj.Parent() != nil {
						clash = true // another object of that name
					}
				}
				return !clash
			})
		}
		if clash {
			return false
		}
	}
	return true
}

// resultNames are the names of a function's named results.
func resultNames(fn ast.Node) map[string]bool {
	ft, _ := funcParts(fn)
	names := map[string]bool{}
	if ft != nil && ft.Results != nil {
		for _, f := range ft.Results.List {
			for _, n := range f.Names {
				names[n.Name] = true
			}
		}
	}
	return names
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
