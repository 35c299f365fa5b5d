package analyzer

import (
	"go/ast"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/astutil"
)

// Threading the context: an operation in a function with no context,
// reached through calls between declarations of the package from a
// function that has one, is fixed by passing that context down the
// path. Each function on the path gains ctx context.Context as its
// first parameter, every call of it in the package passes the caller's
// context (context.TODO() where the caller has none), and the
// operation takes the context-aware form. A function whose signature
// must not change (exported, or a method an interface of the package
// names) keeps it and gets a twin that takes the context:
//
//	func Fetch(u string) error { return FetchContext(context.Background(), u) }
//
//	// FetchContext is Fetch with a context.
//	func FetchContext(ctx context.Context, u string) error { ...body... }
//
// and the path calls the twin. No fix when a function on the path is a
// literal, generic, or already names ctx. A function used other than
// by a call, or named in a _test.go file the pass does not see, gets a
// twin too.

// maxThread is the longest path a fix threads a context through.
const maxThread = 4

// threadFix is that fix for o, reached along l.
func (s *state) threadFix(o *op, l *link) []analysis.SuggestedFix {
	var chain []*funcInfo // the operation's function first
	var calls []token.Pos // calls[i]: where chain[i] is called on the path
	var top *funcInfo     // the function with the context, when the fix names it
	var topEdits []analysis.TextEdit
	for c := l; ; c = c.prev {
		fi := c.fn
		if fi == nil || fi.decl == nil || fi.obj == nil || fi.hasCtx || fi.stopVar != nil || slices.Contains(chain, fi) || len(chain) == maxThread {
			return nil
		}
		chain = append(chain, fi)
		calls = append(calls, c.pos)
		if c.prev == nil || c.prev.fn == nil || !c.pos.IsValid() {
			return nil
		}
		if s.usableCtx(c.prev.fn, c.pos) != "" {
			break
		}
		if c.prev.fn.hasCtx {
			// A context parameter written _ or left unnamed: the
			// fix names it ctx and passes it on.
			if named, ok := s.nameBlankCtx(c.prev.fn); ok {
				top, topEdits = c.prev.fn, named
				break
			}
		}
	}
	opFix := s.fixesWith(o, l.fn, "ctx")
	if len(opFix) != 1 {
		return nil
	}
	// The other operations of the same function take the context too,
	// in the same edits: every finding there offers one identical fix,
	// which -fix applies once, instead of fixes that overlap.
	opEdits, others := s.sameFuncEdits(o, l.fn, opFix[0].TextEdits)
	t := &threader{s: s, chain: chain, twin: map[*funcInfo]bool{}, onPath: map[token.Pos]*funcInfo{}, files: map[*ast.File]bool{}, named: top}
	opEdits = append(opEdits, topEdits...)
	for i, fi := range chain {
		t.onPath[calls[i]] = fi
		if !t.threadable(fi) {
			return nil
		}
	}
	edits, ok := t.edits(opEdits)
	if !ok {
		return nil
	}
	names := make([]string, len(chain))
	for i, fi := range chain {
		names[len(chain)-1-i] = fi.displayName()
	}
	msg := "Pass the context through " + strings.Join(names, ", ") + ", and " + lowerFirst(opFix[0].Message)
	if others > 0 {
		msg = "Pass the context through " + strings.Join(names, ", ") + ", and use it at the " + strconv.Itoa(others+1) + " operations there that ignore it"
	}
	return []analysis.SuggestedFix{{Message: msg, TextEdits: edits}}
}

// sameFuncEdits is the edits of o's rewrite with ctx (own), together
// with those of every other operation of fi that has one and does not
// overlap, in source order, and how many others there are.
func (s *state) sameFuncEdits(o *op, fi *funcInfo, own []analysis.TextEdit) ([]analysis.TextEdit, int) {
	type opEdit struct {
		pos   token.Pos
		edits []analysis.TextEdit
	}
	all := []opEdit{{o.pos, own}}
	for _, o2 := range fi.ops {
		if o2 == o || o2.family == Chan || o2.family == ChanAudit || o2.msg != "" {
			continue
		}
		fx := s.fixesWith(o2, fi, "ctx")
		if len(fx) != 1 {
			continue
		}
		all = append(all, opEdit{o2.pos, fx[0].TextEdits})
	}
	if len(all) == 1 {
		return own, 0
	}
	slices.SortFunc(all, func(a, b opEdit) int { return int(a.pos) - int(b.pos) })
	var edits []analysis.TextEdit
	type editKey struct {
		pos, end token.Pos
		text     string
	}
	seen := map[editKey]bool{}
	for _, a := range all {
		for _, e := range a.edits {
			k := editKey{e.Pos, e.End, string(e.NewText)}
			if seen[k] {
				continue // a shared import
			}
			for _, prev := range edits {
				if e.Pos < prev.End && prev.Pos < e.End || e.Pos == prev.Pos && e.End == prev.End {
					return own, 0 // overlapping rewrites: o's alone
				}
			}
			seen[k] = true
			edits = append(edits, e)
		}
	}
	return edits, len(all) - 1
}

// threader builds the edits of one threading fix.
type threader struct {
	s     *state
	chain []*funcInfo
	// twin: the function keeps its signature and gets a twin.
	twin map[*funcInfo]bool
	// onPath maps the position of each call on the path to its callee.
	onPath map[token.Pos]*funcInfo
	// files that use the context package's name and may need it
	// imported.
	files map[*ast.File]bool
	// named is the function whose context parameter the fix names
	// ctx, or nil.
	named *funcInfo
}

// threadable decides how fi is threaded, or reports that it cannot be.
func (t *threader) threadable(fi *funcInfo) bool {
	s := t.s
	sig := fi.obj.Type().(*types.Signature)
	if sig.TypeParams().Len() > 0 || sig.RecvTypeParams().Len() > 0 {
		return false
	}
	if mentionsName(fi.decl, "ctx") {
		return false
	}
	if !fi.obj.Exported() && !s.namedByInterface(fi.obj) && s.onlyCalled(fi.obj) && !s.calledFromUnseenTests(fi.obj) {
		return true // its signature changes, and every call with it
	}
	// Its signature stays: for callers outside the package, an
	// interface, a use as a value, or tests this pass does not see.
	t.twin[fi] = true
	name := fi.obj.Name() + "Context"
	if recv := sig.Recv(); recv != nil {
		if obj, _, _ := types.LookupFieldOrMethod(recv.Type(), true, s.pass.Pkg, name); obj != nil {
			return false
		}
		if len(fi.decl.Recv.List[0].Names) != 1 || fi.decl.Recv.List[0].Names[0].Name == "_" {
			return false
		}
	} else if s.pass.Pkg.Scope().Lookup(name) != nil {
		return false
	}
	for _, f := range fi.decl.Type.Params.List {
		if len(f.Names) == 0 {
			return false
		}
		for _, n := range f.Names {
			if n.Name == "_" {
				return false
			}
		}
	}
	return true
}

// onlyCalled reports whether every use of fn in the package is a call.
func (s *state) onlyCalled(fn *types.Func) bool {
	for _, id := range s.refsOf(fn) {
		if s.callOf(id) == nil {
			return false
		}
	}
	return true
}

// edits are the fix's edits: the operation's own (opEdits), the new
// parameters, the arguments at the calls, the twins, and the imports.
func (t *threader) edits(opEdits []analysis.TextEdit) ([]analysis.TextEdit, bool) {
	s := t.s
	var edits []analysis.TextEdit
	// add records an edit; needsPkg: its text names the context
	// package, which the file may then have to import.
	add := func(file *ast.File, e analysis.TextEdit, needsPkg bool) {
		edits = append(edits, e)
		if needsPkg {
			t.files[file] = true
		}
	}
	for _, e := range opEdits {
		edits = append(edits, e)
	}
	for _, fi := range t.chain {
		passed := false // the call on the path passes the context
		file := s.fileOf(fi.decl.Pos())
		pkg, ok := t.ctxPkg(file, fi.decl.Pos())
		if !ok {
			return nil, false
		}
		params := fi.decl.Type.Params
		text := "ctx " + pkg + ".Context"
		if len(params.List) > 0 {
			text += ", "
		}
		if !t.twin[fi] {
			add(file, analysis.TextEdit{Pos: params.Opening + 1, End: params.Opening + 1, NewText: []byte(text)}, true)
		}
		for _, id := range s.refsOf(fi.obj) {
			call := s.callOf(id)
			if call == nil {
				continue // a use of a twinned function: it keeps its signature
			}
			caller := t.s.fileOf(call.Pos())
			onPath := t.onPath[call.Pos()] == fi || t.onPath[call.Lparen] == fi
			if t.twin[fi] && !onPath {
				continue
			}
			arg := t.argAt(call)
			todo := arg == ""
			if todo {
				cp, ok := t.ctxPkg(caller, call.Pos())
				if !ok {
					return nil, false
				}
				arg = cp + ".TODO()"
			}
			if len(call.Args) > 0 {
				arg += ", "
			}
			add(caller, analysis.TextEdit{Pos: call.Lparen + 1, End: call.Lparen + 1, NewText: []byte(arg)}, todo)
			passed = passed || onPath
			if t.twin[fi] {
				add(caller, analysis.TextEdit{Pos: id.End(), End: id.End(), NewText: []byte("Context")}, false)
			}
		}
		if !passed {
			// The path reaches fi through an interface or a function
			// value: no call to rewrite, and a fix would change nothing.
			return nil, false
		}
	}
	for _, fi := range t.chain {
		if !t.twin[fi] {
			continue
		}
		var inside, rest []analysis.TextEdit
		for _, e := range edits {
			if fi.decl.Pos() <= e.Pos && e.End <= fi.decl.End() {
				inside = append(inside, e)
			} else {
				rest = append(rest, e)
			}
		}
		e, ok := t.twinEdit(fi, inside)
		if !ok {
			return nil, false
		}
		edits = append(rest, e)
	}
	for file := range t.files {
		if _, ok := s.importNames(file)["context"]; ok {
			continue
		}
		e, ok := importEdit(file, "context")
		if !ok {
			return nil, false
		}
		edits = append(edits, e)
	}
	return edits, true
}

// argAt is the context a call at pos passes: ctx inside a function of
// the path, the caller's own context elsewhere, "" when it has none.
func (t *threader) argAt(call *ast.CallExpr) string {
	pos := call.Pos()
	for _, fi := range t.chain {
		if fi.decl.Pos() <= pos && pos < fi.decl.End() {
			return "ctx"
		}
	}
	if fi := t.s.funcAt(call); fi != nil {
		if fi == t.named {
			return "ctx"
		}
		return t.s.usableCtx(fi, pos)
	}
	return ""
}

// ctxPkg is the name the context package has at pos in file: the name
// it is imported by, or "context" for an import still to be added.
// ok is false when that name means something else there.
func (t *threader) ctxPkg(file *ast.File, pos token.Pos) (string, bool) {
	return t.s.ctxPkgAt(file, pos)
}

// ctxPkgAt is threader.ctxPkg.
func (s *state) ctxPkgAt(file *ast.File, pos token.Pos) (string, bool) {
	if file == nil {
		return "", false
	}
	name, imported := s.importNames(file)["context"]
	if !imported {
		name = "context"
	}
	scope := s.pass.Pkg.Scope().Innermost(pos)
	if scope == nil {
		return "", false
	}
	_, obj := scope.LookupParent(name, pos)
	switch obj := obj.(type) {
	case nil:
		return name, !imported
	case *types.PkgName:
		return name, obj.Imported().Path() == "context"
	}
	return "", false
}

// twinEdit replaces fi's declaration by one that calls its twin with
// context.Background(), followed by the twin: the declaration with the
// context parameter and the edits inside it applied.
func (t *threader) twinEdit(fi *funcInfo, inside []analysis.TextEdit) (analysis.TextEdit, bool) {
	s := t.s
	d := fi.decl
	file := s.fileOf(d.Pos())
	tf := s.pass.Fset.File(d.Pos())
	if file == nil || tf == nil {
		return analysis.TextEdit{}, false
	}
	src, err := s.readFile(tf.Name())
	if err != nil {
		return analysis.TextEdit{}, false
	}
	pkg, ok := t.ctxPkg(file, d.Pos())
	if !ok {
		return analysis.TextEdit{}, false
	}
	t.files[file] = true
	name := d.Name.Name + "Context"
	params := "ctx " + pkg + ".Context"
	if len(d.Type.Params.List) > 0 {
		params += ", "
	}
	inside = append(inside,
		analysis.TextEdit{Pos: d.Name.End(), End: d.Name.End(), NewText: []byte("Context")},
		analysis.TextEdit{Pos: d.Type.Params.Opening + 1, End: d.Type.Params.Opening + 1, NewText: []byte(params)})
	slices.SortStableFunc(inside, func(a, b analysis.TextEdit) int { return int(a.Pos - b.Pos) })
	base := tf.Offset(d.Pos())
	var twin strings.Builder
	at := base
	for _, e := range inside {
		off, end := tf.Offset(e.Pos), tf.Offset(e.End)
		if off < at {
			return analysis.TextEdit{}, false // overlapping edits
		}
		twin.Write(src[at:off])
		twin.Write(e.NewText)
		at = end
	}
	twin.Write(src[at:tf.Offset(d.End())])

	// The old declaration calls the twin.
	var args []string
	for _, f := range d.Type.Params.List {
		for _, n := range f.Names {
			args = append(args, n.Name)
		}
	}
	if d.Type.Params.NumFields() > 0 {
		if _, ok := d.Type.Params.List[len(d.Type.Params.List)-1].Type.(*ast.Ellipsis); ok {
			args[len(args)-1] += "..."
		}
	}
	callee := name
	if d.Recv != nil {
		callee = d.Recv.List[0].Names[0].Name + "." + name
	}
	body := callee + "(" + strings.Join(append([]string{pkg + ".Background()"}, args...), ", ") + ")"
	if d.Type.Results.NumFields() > 0 {
		body = "return " + body
	}
	wrapper := string(src[base:tf.Offset(d.Body.Lbrace)]) + "{\n\t" + body + "\n}"
	doc := "// " + name + " is " + d.Name.Name + " with a context: it stops waiting when ctx is done.\n"
	return analysis.TextEdit{Pos: d.Pos(), End: d.End(), NewText: []byte(wrapper + "\n\n" + doc + twin.String())}, true
}

// importEdit adds an import of path to file.
func importEdit(file *ast.File, path string) (analysis.TextEdit, bool) {
	spec := `"` + path + `"`
	for _, d := range file.Decls {
		gd, ok := d.(*ast.GenDecl)
		if !ok || gd.Tok != token.IMPORT {
			continue
		}
		if gd.Lparen.IsValid() {
			return analysis.TextEdit{Pos: gd.Lparen + 1, End: gd.Lparen + 1, NewText: []byte("\n\t" + spec)}, true
		}
		return analysis.TextEdit{Pos: gd.Pos(), End: gd.Pos(), NewText: []byte("import " + spec + "\n")}, true
	}
	return analysis.TextEdit{Pos: file.Name.End(), End: file.Name.End(), NewText: []byte("\n\nimport " + spec)}, true
}

// mentionsName reports whether an identifier called name appears in n.
func mentionsName(n ast.Node, name string) bool {
	found := false
	ast.Inspect(n, func(m ast.Node) bool {
		if id, ok := m.(*ast.Ident); ok && id.Name == name {
			found = true
		}
		return !found
	})
	return found
}

// namedByInterface reports whether fn is a method that an interface
// type declared in the package could require of its receiver.
func (s *state) namedByInterface(fn *types.Func) bool {
	recv := fn.Type().(*types.Signature).Recv()
	if recv == nil {
		return false
	}
	x := s.idx()
	if x.ifaceMethods == nil {
		x.ifaceMethods = map[string]bool{}
		scope := s.pass.Pkg.Scope()
		for _, name := range scope.Names() {
			tn, ok := scope.Lookup(name).(*types.TypeName)
			if !ok {
				continue
			}
			if it, ok := tn.Type().Underlying().(*types.Interface); ok {
				for m := range it.Methods() {
					x.ifaceMethods[m.Name()] = true
				}
			}
		}
	}
	return x.ifaceMethods[fn.Name()]
}

// refsOf are the identifiers of the package that refer to fn.
func (s *state) refsOf(fn *types.Func) []*ast.Ident {
	x := s.idx()
	if x.refs == nil {
		x.refs = map[*types.Func][]*ast.Ident{}
		for id, obj := range s.info.Uses {
			if f, ok := obj.(*types.Func); ok && f.Pkg() == s.pass.Pkg {
				x.refs[f] = append(x.refs[f], id)
			}
		}
		for _, ids := range x.refs {
			slices.SortFunc(ids, func(a, b *ast.Ident) int { return int(a.Pos() - b.Pos()) })
		}
	}
	return x.refs[fn]
}

// callOf is the call whose callee id names, written f(...) or
// x.f(...); nil for any other use (a function value, a method
// expression).
func (s *state) callOf(id *ast.Ident) *ast.CallExpr {
	s.indexCalls()
	return s.index.callees[id]
}

// funcAt is the innermost function of the package that holds the call,
// or nil.
func (s *state) funcAt(call *ast.CallExpr) *funcInfo {
	s.indexCalls()
	return s.index.callers[call]
}

// indexCalls records, once per package, the callee identifier of each
// call and the function it is written in.
func (s *state) indexCalls() {
	x := s.idx()
	if x.callees != nil {
		return
	}
	x.callees = map[*ast.Ident]*ast.CallExpr{}
	x.callers = map[*ast.CallExpr]*funcInfo{}
	for _, f := range s.pass.Files {
		var stack []*funcInfo // the functions around the node
		var pushed []bool     // per node entered: did it push onto stack
		ast.Inspect(f, func(n ast.Node) bool {
			if n == nil {
				if pushed[len(pushed)-1] {
					stack = stack[:len(stack)-1]
				}
				pushed = pushed[:len(pushed)-1]
				return true
			}
			var fi *funcInfo
			switch n := n.(type) {
			case *ast.FuncDecl:
				if fn, ok := s.info.Defs[n.Name].(*types.Func); ok {
					fi = s.byObj[fn]
				}
			case *ast.FuncLit:
				fi = s.byLit[n]
			}
			if fi != nil {
				stack = append(stack, fi)
			}
			pushed = append(pushed, fi != nil)
			switch n := n.(type) {
			case *ast.CallExpr:
				if len(stack) > 0 {
					x.callers[n] = stack[len(stack)-1]
				}
				switch fun := astutil.Unparen(n.Fun).(type) {
				case *ast.Ident:
					x.callees[fun] = n
				case *ast.SelectorExpr:
					if sel := s.info.Selections[fun]; sel == nil || sel.Kind() == types.MethodVal {
						x.callees[fun.Sel] = n
					}
				}
			}
			return true
		})
	}
}

// calledFromUnseenTests reports whether a _test.go file of the
// package's directory that this pass does not analyse may use fn: its
// calls would not be edited. An unreadable directory counts as yes.
func (s *state) calledFromUnseenTests(fn *types.Func) bool {
	x := s.idx()
	if !x.unseenRead {
		x.unseenRead = true
		x.unseenTests, x.unseenErr = s.readUnseenTests()
	}
	if x.unseenErr {
		return true
	}
	word := regexp.MustCompile(`\b` + regexp.QuoteMeta(fn.Name()) + `\b`)
	return word.Match(x.unseenTests)
}

// readUnseenTests reads the _test.go files of the package's directory
// that the pass does not analyse; failed is set when it cannot.
func (s *state) readUnseenTests() (data []byte, failed bool) {
	if len(s.pass.Files) == 0 {
		return nil, true
	}
	seen := map[string]bool{}
	for _, f := range s.pass.Files {
		if tf := s.pass.Fset.File(f.Pos()); tf != nil {
			seen[tf.Name()] = true
		}
	}
	tf := s.pass.Fset.File(s.pass.Files[0].Pos())
	if tf == nil {
		return nil, true
	}
	dir := filepath.Dir(tf.Name())
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, true
	}
	for _, e := range entries {
		name := filepath.Join(dir, e.Name())
		if !strings.HasSuffix(e.Name(), "_test.go") || seen[name] {
			continue
		}
		b, err := os.ReadFile(name)
		if err != nil {
			return nil, true
		}
		data = append(append(data, b...), '\n')
	}
	return data, false
}

// twinCallFix is the fix of a call to fn, a function of another
// package, that has a Context twin there: fnContext, with a
// context.Context first and then fn's parameters and results. The call
// becomes x.fnContext(ctx, args...).
func (s *state) twinCallFix(call *ast.CallExpr, fn *types.Func, ctx string) []analysis.SuggestedFix {
	sel, ok := astutil.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok || isMethodExpr(s.info, call.Fun) || fn.Pkg() == nil {
		return nil
	}
	sig := fn.Type().(*types.Signature)
	name := fn.Name() + "Context"
	var twin types.Object
	if recv := sig.Recv(); recv != nil {
		twin, _, _ = types.LookupFieldOrMethod(recv.Type(), true, fn.Pkg(), name)
	} else {
		twin = fn.Pkg().Scope().Lookup(name)
	}
	tf, ok := twin.(*types.Func)
	if !ok || !tf.Exported() {
		return nil
	}
	ts := tf.Type().(*types.Signature)
	if ts.Params().Len() != sig.Params().Len()+1 || !isContext(ts.Params().At(0).Type()) || ts.Variadic() != sig.Variadic() ||
		!types.Identical(ts.Results(), sig.Results()) || ts.TypeParams().Len() > 0 || sig.TypeParams().Len() > 0 {
		return nil
	}
	for i := range sig.Params().Len() {
		if !types.Identical(sig.Params().At(i).Type(), ts.Params().At(i+1).Type()) {
			return nil
		}
	}
	arg := ctx
	if len(call.Args) > 0 {
		arg += ", "
	}
	return []analysis.SuggestedFix{{
		Message: "Call " + name + "(" + ctx + ", ...)",
		TextEdits: []analysis.TextEdit{
			{Pos: sel.Sel.End(), End: sel.Sel.End(), NewText: []byte("Context")},
			{Pos: call.Lparen + 1, End: call.Lparen + 1, NewText: []byte(arg)},
		},
	}}
}

// lowerFirst puts a fix's message after "and": "Use X" -> "use X".
func lowerFirst(msg string) string {
	if msg == "" {
		return msg
	}
	return strings.ToLower(msg[:1]) + msg[1:]
}
