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

// Fixes that rewrite a statement into a select on the context: a
// sleep becomes a timer, a channel operation gains a ctx.Done() case.
// Both return early when the context is done, so they are offered only
// where the enclosing function's results can be written out: ctx.Err()
// for a final error, the zero value for the rest.

// stmtFix rewrites the statement holding o, or returns nil.
func (s *state) stmtFix(o *op, fi *funcInfo, ctx string) []analysis.SuggestedFix {
	file, fn, path, stmt := s.stmtOf(o, fi)
	if stmt == nil {
		return nil
	}
	ret, ok := s.earlyReturn(fn, file, ctx, s.scopeAt(fi, o.pos), o.pos)
	if !ok {
		return nil
	}
	return s.rewriteStmt(o, fi, fn, path, stmt, ctx+".Done()", ret)
}

// stmtOf is the file, the function and the path from the operation up
// to its function (walking down from the function, not from the file,
// keeps this linear), and the statement the operation is; stmt is nil
// when the operation is no statement of its own.
func (s *state) stmtOf(o *op, fi *funcInfo) (file *ast.File, fn ast.Node, path []ast.Node, stmt ast.Stmt) {
	file = s.fileOf(o.pos)
	if file == nil {
		return nil, nil, nil, nil
	}
	fn = fi.decl
	if fi.lit != nil {
		fn = fi.lit
	}
	path = append(s.pathTo(fi, o.node), fn)
	return file, fn, path, enclosingStmt(path)
}

// stopFix is the same rewrite for a function that takes a stop channel
// instead of a context: the wait selects on the channel too, and
// returns as the function already does when it is closed (the body
// of its own case on the channel, when that is a lone return), or with
// a bare return in a function without results.
func (s *state) stopFix(o *op, fi *funcInfo) []analysis.SuggestedFix {
	stop := fi.stopVar
	if stop == nil || fi.lit != nil {
		return nil // the parameter is the declaration's
	}
	if scope := s.scopeAt(fi, o.pos); scope == nil {
		return nil
	} else if _, obj := scope.LookupParent(stop.Name(), o.pos); obj != stop {
		return nil // shadowed
	}
	ret := ""
	if fi.obj.Type().(*types.Signature).Results().Len() == 0 {
		ret = "return"
	}
	inspect(fi.body, func(n ast.Node) bool {
		cc, ok := n.(*ast.CommClause)
		if !ok || ret != "" {
			return ret == ""
		}
		if u, ok := commOp(cc.Comm).(*ast.UnaryExpr); ok && identVar(s.info, u.X) == stop && len(cc.Body) == 1 {
			if r, ok := cc.Body[0].(*ast.ReturnStmt); ok {
				ret = s.source(r)
			}
		}
		return true
	})
	if ret == "" {
		return nil
	}
	_, fn, path, stmt := s.stmtOf(o, fi)
	if stmt == nil {
		return nil
	}
	return s.rewriteStmt(o, fi, fn, path, stmt, stop.Name(), ret)
}

// wayOutFix is the same rewrite for a function with neither a context
// nor a stop channel parameter, but with a way out of its own: a select
// case in it that receives from a signal channel (chan struct{}),
// written as a variable or a field of one (<-quit, <-s.done), and does
// nothing but return. The wait selects on that channel too, and returns
// as that case does.
func (s *state) wayOutFix(o *op, fi *funcInfo) []analysis.SuggestedFix {
	done, ret := s.wayOut(o, fi)
	if done == "" {
		return nil
	}
	_, fn, path, stmt := s.stmtOf(o, fi)
	if stmt == nil || !(stmt.Pos() <= o.pos && o.pos < stmt.End()) {
		return nil
	}
	for _, p := range path {
		if cc, ok := p.(*ast.CommClause); ok && cc.Comm != nil && cc.Comm.Pos() <= o.pos && o.pos < cc.Comm.End() {
			return nil // the wait is a case of a select already
		}
	}
	return s.rewriteStmt(o, fi, fn, path, stmt, done, ret)
}

// wayOut is the channel of fi's own way out usable at o ("p.quit"),
// and the return its case makes; "" when there is none.
func (s *state) wayOut(o *op, fi *funcInfo) (done, ret string) {
	w := s.wayOutOf(fi)
	if w == nil {
		return "", ""
	}
	scope := s.scopeAt(fi, o.pos)
	if scope == nil {
		return "", ""
	}
	if _, found := scope.LookupParent(w.root.Name(), o.pos); found != w.root {
		return "", "" // not the same variable at the wait
	}
	return w.done, w.ret
}

// wayOutCase is a function's first select case that receives from a
// signal channel, a variable or a field of one (root), and only
// returns.
type wayOutCase struct {
	done, ret string
	root      types.Object
}

// wayOutOf finds fi's way out once.
func (s *state) wayOutOf(fi *funcInfo) *wayOutCase {
	x := s.idx()
	if w, ok := x.wayOuts[fi]; ok {
		return w
	}
	var found *wayOutCase
	inspect(fi.body, func(n ast.Node) bool {
		if _, lit := n.(*ast.FuncLit); lit || found != nil {
			return false
		}
		cc, ok := n.(*ast.CommClause)
		if !ok || len(cc.Body) != 1 {
			return true
		}
		r, isRet := cc.Body[0].(*ast.ReturnStmt)
		u, isRecv := commOp(cc.Comm).(*ast.UnaryExpr)
		if !isRet || !isRecv || !isSignalChan(s.info.TypeOf(u.X)) {
			return true
		}
		if _, isExpr := cc.Comm.(*ast.ExprStmt); !isExpr {
			return true // v, ok := <-quit: its variables are the case's
		}
		ch := astutil.Unparen(u.X)
		root := ch
		if sel, ok := ch.(*ast.SelectorExpr); ok {
			if sl := s.info.Selections[sel]; sl == nil || sl.Kind() != types.FieldVal {
				return true
			}
			root = sel.X
		}
		id, ok := astutil.Unparen(root).(*ast.Ident)
		if !ok || s.info.Uses[id] == nil {
			return true
		}
		found = &wayOutCase{done: s.source(ch), ret: s.source(r), root: s.info.Uses[id]}
		return false
	})
	if found == nil {
		found = s.closedField(fi)
	}
	x.wayOuts[fi] = found
	return found
}

// closedField is the way out of a method (or a literal in one) with no
// results: a signal channel field of its receiver that some function
// of the package closes (a Stop, a Close), returning when it is.
func (s *state) closedField(fi *funcInfo) *wayOutCase {
	top, ft := fi.top(), fi.funcType()
	if top.decl == nil || top.decl.Recv == nil || ft.Results.NumFields() > 0 || len(top.decl.Recv.List[0].Names) != 1 {
		return nil
	}
	recv, ok := s.info.Defs[top.decl.Recv.List[0].Names[0]].(*types.Var)
	if !ok || recv.Name() == "_" {
		return nil
	}
	x := s.idx()
	if x.closed == nil {
		x.closed = map[*types.Var]bool{}
		for _, f := range s.pass.Files {
			ast.Inspect(f, func(n ast.Node) bool {
				call, ok := n.(*ast.CallExpr)
				if !ok || len(call.Args) != 1 {
					return true
				}
				if b, ok := s.info.Uses[calleeIdent(call.Fun)].(*types.Builtin); ok && b.Name() == "close" {
					if f := fieldOf(s.info, call.Args[0]); f != nil && isSignalChan(f.Type()) {
						x.closed[f] = true
					}
				}
				return true
			})
		}
	}
	t := recv.Type()
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	st, ok := t.Underlying().(*types.Struct)
	if !ok {
		return nil
	}
	for f := range st.Fields() {
		if x.closed[f] {
			return &wayOutCase{done: recv.Name() + "." + f.Name(), ret: "return", root: recv}
		}
	}
	// A context field the package sets to a context that can end (not
	// Background or TODO): the receiver's own lifetime.
	if _, f := s.recvCtxField(top.decl); f != nil {
		return &wayOutCase{done: recv.Name() + "." + f.Name() + ".Done()", ret: "return", root: recv}
	}
	return nil
}

// fieldSets calls set for every value the package's code gives a
// field: each assignment to one (with the call whose results a
// multi-value assignment spreads, as in c.ctx, c.cancel =
// context.WithCancel(parent)) and each keyed composite literal.
func (s *state) fieldSets(set func(f *types.Var, rhs ast.Expr)) {
	for _, file := range s.pass.Files {
		ast.Inspect(file, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.AssignStmt:
				for i, l := range n.Lhs {
					f := fieldOf(s.info, l)
					switch {
					case f == nil:
					case len(n.Lhs) == len(n.Rhs):
						set(f, n.Rhs[i])
					case len(n.Rhs) == 1:
						set(f, n.Rhs[0])
					}
				}
			case *ast.CompositeLit:
				st, _ := under(s.info.TypeOf(n)).(*types.Struct)
				for i, e := range n.Elts {
					kv, ok := e.(*ast.KeyValueExpr)
					if !ok {
						if st != nil && i < st.NumFields() {
							set(st.Field(i), e) // T{a, b}: by position
						}
						continue
					}
					if id, ok := kv.Key.(*ast.Ident); ok {
						if f, ok := s.info.Uses[id].(*types.Var); ok && f.IsField() {
							set(f, kv.Value)
						}
					}
				}
			}
			return true
		})
	}
}

// ctxFields are the context.Context fields the package sets, in an
// assignment or a composite literal, only to contexts that can end:
// a field ever set to Background, TODO or nil is left out.
func (s *state) ctxFields() map[*types.Var]bool {
	x := s.idx()
	if x.ctxFields != nil {
		return x.ctxFields
	}
	set, never := map[*types.Var]bool{}, map[*types.Var]bool{}
	s.fieldSets(func(f *types.Var, rhs ast.Expr) {
		if !isNamed(f.Type(), "context", "Context") {
			return
		}
		if isBackground(s.info, rhs) {
			never[f] = true
		} else {
			set[f] = true
		}
	})
	for f := range never {
		delete(set, f)
	}
	x.ctxFields = set
	return set
}

// rewriteStmt rewrites the statement of a wait into a select that also
// waits on done and then runs ret.
func (s *state) rewriteStmt(o *op, fi *funcInfo, fn ast.Node, path []ast.Node, stmt ast.Stmt, done, ret string) []analysis.SuggestedFix {
	if strings.HasPrefix(ret, "return") && s.cancelPending(fn, stmt.Pos()) {
		return nil
	}
	indent, ok := s.indentOf(stmt)
	if !ok {
		return nil
	}
	var text, title string
	switch st := stmt.(type) {
	case *ast.ExprStmt:
		call, ok := astutil.Unparen(st.X).(*ast.CallExpr)
		if ok && o.what == "time.Sleep" {
			// Only time.Sleep(d) written with its package name: not a
			// dot import, not a function value.
			sel, isSel := call.Fun.(*ast.SelectorExpr)
			if !isSel || len(call.Args) != 1 {
				return nil
			}
			if _, isPkg := s.info.Uses[identOf(sel.X)].(*types.PkgName); !isPkg {
				return nil
			}
			if s.gotoOver(fn, path, stmt) {
				return nil // a goto could jump over the timer's declaration
			}
			// time.Sleep(d) ->
			//	timer := time.NewTimer(d)
			//	select {
			//	case <-ctx.Done():
			//		timer.Stop()
			//		return ctx.Err()
			//	case <-timer.C:
			//	}
			timePkg := types.ExprString(sel.X)
			// Each sleep's fix is made alone, but all of them may be
			// applied: the n-th sleep of a block gets the n-th free
			// name, so two timers never share one.
			timer := s.freeName(s.scopeAt(fi, stmt.Pos()), stmt.Pos(), "timer", s.sleepsBefore(path, stmt))
			text = fmt.Sprintf("%s := %s.NewTimer(%s)\n%sselect {\n%scase <-%s:\n%s\t%s.Stop()\n%s\t%s\n%scase <-%s.C:\n%s}",
				timer, timePkg, s.source(call.Args[0]), indent, indent, done, indent, timer, indent, ret, indent, timer, indent)
			title = "Wait on a timer in a select with " + done
			break
		}
		u, ok := astutil.Unparen(st.X).(*ast.UnaryExpr)
		if !ok || u.Op != token.ARROW || o.node != ast.Node(u) {
			return nil
		}
		// <-ch -> select { case <-ch: case <-ctx.Done(): return ... }
		text = selectText(s.source(u), done, ret, indent)
		title = "Select on " + done + " too"
	case *ast.SendStmt:
		if o.node != ast.Node(st) {
			return nil // a receive inside the send: out <- <-in
		}
		// ch <- v -> select { case ch <- v: case <-ctx.Done(): return ... }
		text = selectText(s.source(st.Chan)+" <- "+s.source(st.Value), done, ret, indent)
		title = "Select on " + done + " too"
	case *ast.RangeStmt:
		// for range t.C { body } -> for { select { case <-ctx.Done(): return ...; case <-t.C: }; body }
		if o.node != ast.Node(st) || st.Key != nil || st.Value != nil {
			return nil
		}
		// for {} never ends on its own: a statement after it would
		// be unreachable (go vet says so).
		var list []ast.Stmt
		switch b := path[slices.Index(path, ast.Node(st))+1].(type) {
		case *ast.BlockStmt:
			list = b.List
		case *ast.CaseClause:
			list = b.Body
		case *ast.CommClause:
			list = b.Body
		}
		if len(list) == 0 || list[len(list)-1] != ast.Stmt(st) {
			return nil
		}
		text := "for {\n" + indent + "\tselect {\n" + indent + "\tcase <-" + done + ":\n" + indent + "\t\t" + ret + "\n" +
			indent + "\tcase <-" + s.source(st.X) + ":\n" + indent + "\t}"
		return []analysis.SuggestedFix{{Message: "Loop on a select over " + s.source(st.X) + " and " + done,
			TextEdits: []analysis.TextEdit{{Pos: st.Pos(), End: st.Body.Lbrace + 1, NewText: []byte(text)}}}}
	case *ast.AssignStmt:
		// x = <-ch -> select { case x = <-ch: ... }; not :=, whose
		// variables would live only in the case.
		if st.Tok != token.ASSIGN || len(st.Rhs) != 1 || o.node != ast.Node(astutil.Unparen(st.Rhs[0])) {
			return nil
		}
		text = selectText(s.source(st), done, ret, indent)
		title = "Select on " + done + " too"
	default:
		return nil
	}
	return []analysis.SuggestedFix{{Message: title, TextEdits: []analysis.TextEdit{{Pos: stmt.Pos(), End: stmt.End(), NewText: []byte(text)}}}}
}

// indentOf is the white space before a statement on its line; it fails
// when the statement shares its line with other code or comments, where
// a multi-line replacement would not read well.
func (s *state) indentOf(stmt ast.Stmt) (string, bool) {
	tf := s.pass.Fset.File(stmt.Pos())
	if tf == nil || s.pass.ReadFile == nil {
		return "", false
	}
	src, err := s.readFile(tf.Name())
	if err != nil {
		return "", false
	}
	start, end := tf.Offset(tf.LineStart(tf.Line(stmt.Pos()))), tf.Offset(stmt.Pos())
	if end > len(src) || start > end {
		return "", false
	}
	prefix := string(src[start:end])
	return prefix, strings.TrimLeft(prefix, " \t") == ""
}

func selectText(comm, done, ret, indent string) string {
	return fmt.Sprintf("select {\n%scase %s:\n%scase <-%s:\n%s\t%s\n%s}", indent, comm, indent, done, indent, ret, indent)
}

// enclosingStmt is the statement an operation is: the innermost
// statement of the path that sits directly in a statement list.
func enclosingStmt(path []ast.Node) ast.Stmt {
	for i, n := range path {
		if st, ok := n.(ast.Stmt); ok && i+1 < len(path) {
			switch p := path[i+1].(type) {
			case *ast.BlockStmt, *ast.CaseClause:
				return st
			case *ast.CommClause:
				if st == p.Comm {
					return nil // the operation is a select's own case
				}
				return st // a statement of the case's body
			}
		}
		if _, ok := n.(*ast.FuncLit); ok {
			return nil // in a literal inside the function: not its statement
		}
	}
	return nil
}

// earlyReturn writes the return statement for a function whose context
// is done: ctx.Err() for a final error result, zero values for the
// others. It fails for results it cannot write in this file.
func (s *state) earlyReturn(fn ast.Node, file *ast.File, ctx string, scope *types.Scope, pos token.Pos) (string, bool) {
	var sig *types.Signature
	switch fn := fn.(type) {
	case *ast.FuncDecl:
		if obj, ok := s.info.Defs[fn.Name].(*types.Func); ok {
			sig = obj.Type().(*types.Signature)
		}
	case *ast.FuncLit:
		sig, _ = s.info.TypeOf(fn).(*types.Signature)
	}
	if sig == nil {
		return "", false
	}
	res := sig.Results()
	if res.Len() == 0 {
		return "return", true
	}
	qual, ok := s.qualifier(file, scope, pos)
	vals := make([]string, res.Len())
	for i := range res.Len() {
		t := res.At(i).Type()
		if i == res.Len()-1 && types.Identical(t, types.Universe.Lookup("error").Type()) {
			vals[i] = ctx + ".Err()"
			continue
		}
		z, zok := zeroValue(t, qual)
		if !zok || !ok {
			return "", false
		}
		vals[i] = z
	}
	return "return " + strings.Join(vals, ", "), true
}

// zeroValue writes the zero value of t.
func zeroValue(t types.Type, qual types.Qualifier) (string, bool) {
	if _, ok := types.Unalias(t).(*types.TypeParam); ok {
		name := types.TypeString(t, qual)
		return "*new(" + name + ")", !strings.Contains(name, "?")
	}
	switch u := t.Underlying().(type) {
	case *types.Basic:
		switch {
		case u.Info()&types.IsBoolean != 0:
			return "false", true
		case u.Info()&types.IsString != 0:
			return `""`, true
		case u.Info()&types.IsNumeric != 0:
			return "0", true
		case u.Kind() == types.UnsafePointer:
			return "nil", true
		}
	case *types.Pointer, *types.Slice, *types.Map, *types.Chan, *types.Signature, *types.Interface:
		return "nil", true
	case *types.Struct, *types.Array:
		if _, named := types.Unalias(t).(*types.Named); named {
			name := types.TypeString(t, qual)
			return name + "{}", !strings.Contains(name, "?")
		}
	}
	return "", false
}

// qualifier names packages as this file imports them; a package the
// file does not import, or whose name something else hides at pos,
// comes out as "?" and makes zeroValue fail.
func (s *state) qualifier(file *ast.File, scope *types.Scope, pos token.Pos) (types.Qualifier, bool) {
	names := s.importNames(file)
	return func(p *types.Package) string {
		if p == s.pass.Pkg {
			return ""
		}
		n, ok := names[p.Path()]
		if !ok || n == "_" || n == "." {
			return "?"
		}
		if scope != nil {
			if _, obj := scope.LookupParent(n, pos); obj != nil {
				if _, isPkg := obj.(*types.PkgName); !isPkg {
					return "?"
				}
			}
		}
		return n
	}, true
}

// identOf is e as an identifier, or nil.
func identOf(e ast.Expr) *ast.Ident {
	id, _ := astutil.Unparen(e).(*ast.Ident)
	return id
}

// cancelPending reports whether a return added at pos could leave a
// context's cancel function uncalled: fn has set one (from
// context.WithCancel, WithTimeout, WithDeadline or their Cause forms)
// before pos, does not defer calling it, and has not called it on the
// way to pos, so each of its own returns calls it by hand, and a new
// return would not.
func (s *state) cancelPending(fn ast.Node, pos token.Pos) bool {
	_, body := funcParts(fn)
	if body == nil {
		return false
	}
	set, deferred := map[types.Object]bool{}, map[types.Object]bool{}
	s.cancelPairs(body, func(as *ast.AssignStmt, _, cancel types.Object) {
		if cancel != nil && as.Pos() < pos {
			set[cancel] = true
		}
	})
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.DeferStmt:
			if id := identOf(n.Call.Fun); id != nil {
				if obj := s.info.Uses[id]; obj != nil {
					deferred[obj] = true
				}
			}
		}
		return true
	})
	for obj := range set {
		if !deferred[obj] && !s.calledBefore(body, obj, pos) {
			return true
		}
	}
	return false
}
