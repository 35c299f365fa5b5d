package analyzer

import (
	"bytes"
	"go/ast"
	"go/printer"
	"go/token"
	"go/types"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/astutil"
)

// fixes offers the context-aware alternative of a call as a suggested
// fix, when the rewrite is mechanical and a usable context is in scope
// at the call. A context is never invented: with none at hand there is
// no fix, and the message alone names the alternative.
func (s *state) fixes(o *op, fi *funcInfo) []analysis.SuggestedFix {
	fx := s.fixesWith(o, fi, "")
	if len(fx) > 0 || s.usableCtx(fi, o.pos) != "" {
		return fx
	}
	// The function takes a context it calls _: the fix names it ctx
	// and uses it.
	named, ok := s.nameBlankCtx(fi)
	if !ok {
		return nil
	}
	fx = s.fixesWith(o, fi, "ctx")
	for i := range fx {
		fx[i].TextEdits = append(fx[i].TextEdits, named...)
	}
	return fx
}

// nameBlankCtx is the edit that names ctx a context parameter of fi
// written _ (func(_ context.Context, ...)) or not named at all
// (func(context.Context, int), where the other parameters become _),
// when nothing in fi's body, parameters, results or receiver is named
// ctx already: no use of an outer ctx changes meaning.
func (s *state) nameBlankCtx(fi *funcInfo) ([]analysis.TextEdit, bool) {
	ft := fi.funcType()
	if ft == nil || ft.Params == nil || fi.body == nil || len(ft.Params.List) == 0 {
		return nil, false
	}
	var edits []analysis.TextEdit
	unnamed := len(ft.Params.List[0].Names) == 0
	for _, field := range ft.Params.List {
		isCtx := len(edits) == 0 && isNamed(s.info.TypeOf(field.Type), "context", "Context")
		if unnamed {
			name := "_ "
			if isCtx {
				name = "ctx "
			}
			edits = append(edits, analysis.TextEdit{Pos: field.Type.Pos(), End: field.Type.Pos(), NewText: []byte(name)})
			continue
		}
		for _, name := range field.Names {
			if name.Name == "_" && isCtx && len(edits) == 0 {
				edits = append(edits, analysis.TextEdit{Pos: name.Pos(), End: name.End(), NewText: []byte("ctx")})
			}
		}
	}
	if unnamed && !slices.ContainsFunc(edits, func(e analysis.TextEdit) bool { return string(e.NewText) == "ctx " }) || len(edits) == 0 {
		return nil, false
	}
	taken := false
	nodes := []ast.Node{fi.body, ft}
	if fi.decl != nil && fi.decl.Recv != nil {
		nodes = append(nodes, fi.decl.Recv)
	}
	for _, n := range nodes {
		ast.Inspect(n, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok && id.Name == "ctx" {
				taken = true
			}
			return !taken
		})
	}
	if taken {
		return nil, false
	}
	return edits, true
}

// fixesWith is fixes with the context named ctx, or, when ctx is "",
// the one usable at the operation.
func (s *state) fixesWith(o *op, fi *funcInfo, ctx string) []analysis.SuggestedFix {
	usable := func() string {
		if ctx != "" {
			return ctx
		}
		return s.usableCtx(fi, o.pos)
	}
	if o.edits != nil {
		return []analysis.SuggestedFix{{Message: o.fixMsg, TextEdits: o.edits}}
	}
	if o.grow != nil {
		// make(chan T) -> make(chan T, n): room for the n sends;
		// make(chan T, 0) -> make(chan T, n).
		n := strconv.Itoa(max(o.growTo, 1))
		edit := analysis.TextEdit{Pos: o.grow.Args[0].End(), End: o.grow.Args[0].End(), NewText: []byte(", " + n)}
		if len(o.grow.Args) == 2 {
			edit = analysis.TextEdit{Pos: o.grow.Args[1].Pos(), End: o.grow.Args[1].End(), NewText: []byte(n)}
		}
		return []analysis.SuggestedFix{{Message: "Give the channel a buffer of " + n, TextEdits: []analysis.TextEdit{edit}}}
	}
	if fi.stopVar != nil && !fi.hasCtx && o.family == Sleep && ctx == "" {
		// No context, but a stop channel: the wait selects on it.
		_, isRecv := o.node.(*ast.UnaryExpr)
		if _, isRange := o.node.(*ast.RangeStmt); isRecv || isRange || o.what == "time.Sleep" {
			return s.stopFix(o, fi)
		}
	}
	if o.fix == fixNone && o.call != nil && (o.family == Syscall || o.family == Custom) {
		// No variant takes a context: wait for it in a goroutine.
		if ctx := usable(); ctx != "" {
			return s.offloadFix(o, fi, ctx)
		}
		return nil
	}
	_, isRange := o.node.(*ast.RangeStmt)
	stmt := o.what == "time.Sleep" || (o.family == ChanAudit && o.needsCtx) || (isRange && o.family == Sleep)
	if (o.fix == fixNone || o.call == nil) && !stmt {
		if ctx == "" && usable() == "" && o.family == Sleep {
			return s.wayOutFix(o, fi) // <-t.C, <-time.After(d)
		}
		return nil
	}
	ctx = usable()
	if ctx == "" {
		if stmt {
			return s.wayOutFix(o, fi)
		}
		return nil
	}
	if stmt {
		return s.stmtFix(o, fi, ctx)
	}
	call := o.call
	// Only calls written x.M(...) or pkg.F(...): not a method
	// expression (*T).M(x, ...), whose first argument is the receiver.
	sel, ok := astutil.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return nil
	}
	if sl := s.info.Selections[sel]; sl != nil && sl.Kind() == types.MethodExpr {
		return nil
	}
	// insertArgs puts text before the first argument: "ctx, ".
	insertArgs := func(text string) analysis.TextEdit {
		if len(call.Args) == 0 {
			return analysis.TextEdit{Pos: call.Lparen + 1, End: call.Lparen + 1, NewText: []byte(text)}
		}
		return analysis.TextEdit{Pos: call.Args[0].Pos(), End: call.Args[0].Pos(), NewText: []byte(text + ", ")}
	}
	rename := func(name string) analysis.TextEdit {
		return analysis.TextEdit{Pos: sel.Sel.Pos(), End: sel.Sel.End(), NewText: []byte(name)}
	}
	var edits []analysis.TextEdit
	switch o.fix {
	case fixContextMethod:
		// db.Query(q, args...) -> db.QueryContext(ctx, q, args...)
		edits = []analysis.TextEdit{rename(sel.Sel.Name + "Context"), insertArgs(ctx)}
	case fixBeginTx:
		// db.Begin() -> db.BeginTx(ctx, nil)
		edits = []analysis.TextEdit{rename("BeginTx"), insertArgs(ctx + ", nil")}
	case fixHandshake:
		// conn.Handshake() -> conn.HandshakeContext(ctx)
		edits = []analysis.TextEdit{rename("HandshakeContext"), insertArgs(ctx)}
	case fixNewRequest:
		// http.NewRequest(m, u, b) -> http.NewRequestWithContext(ctx, m, u, b)
		edits = []analysis.TextEdit{rename("NewRequestWithContext"), insertArgs(ctx)}
	case fixCommand:
		// exec.Command(name, args...) -> exec.CommandContext(ctx, name, args...)
		edits = []analysis.TextEdit{rename("CommandContext"), insertArgs(ctx)}
	case fixLookup:
		// net.LookupHost(h) -> net.DefaultResolver.LookupHost(ctx, h)
		// net.LookupIP(h)   -> net.DefaultResolver.LookupIP(ctx, "ip", h)
		args := ctx
		if sel.Sel.Name == "LookupIP" {
			args = ctx + `, "ip"`
		}
		edits = []analysis.TextEdit{rename("DefaultResolver." + sel.Sel.Name), insertArgs(args)}
	case fixDial, fixDialTimeout:
		// net.Dial(n, a)           -> (&net.Dialer{}).DialContext(ctx, n, a)
		// net.DialTimeout(n, a, d) -> (&net.Dialer{Timeout: d}).DialContext(ctx, n, a)
		pkg, ok := sel.X.(*ast.Ident)
		if !ok || len(call.Args) < 2 {
			return nil
		}
		fields := ""
		if o.fix == fixDialTimeout {
			if len(call.Args) != 3 {
				return nil
			}
			fields = "Timeout: " + s.source(call.Args[2])
		}
		text := "(&" + pkg.Name + ".Dialer{" + fields + "}).DialContext(" + ctx + ", " +
			s.source(call.Args[0]) + ", " + s.source(call.Args[1]) + ")"
		edits = []analysis.TextEdit{{Pos: call.Pos(), End: call.End(), NewText: []byte(text)}}
	case fixHTTPHelper:
		return s.httpHelperFix(o, fi, sel, ctx)
	case fixTLSDial:
		// return tls.DialWithDialer(d, n, a, cfg) ->
		// return (&tls.Dialer{NetDialer: d, Config: cfg}).DialContext(ctx, n, a)
		// only where the result goes straight out of a function that
		// returns (net.Conn, error): DialContext's conn is a net.Conn.
		if !s.returnsNetConn(o, fi) {
			return nil
		}
		pkg, ok := sel.X.(*ast.Ident)
		if !ok {
			return nil
		}
		var fields string
		args := call.Args
		switch {
		case sel.Sel.Name == "Dial" && len(args) == 3:
			fields = "Config: " + s.source(args[2])
		case sel.Sel.Name == "DialWithDialer" && len(args) == 4:
			fields = "NetDialer: " + s.source(args[0]) + ", Config: " + s.source(args[3])
			args = args[1:]
		default:
			return nil
		}
		text := "(&" + pkg.Name + ".Dialer{" + fields + "}).DialContext(" + ctx + ", " + s.source(args[0]) + ", " + s.source(args[1]) + ")"
		edits = []analysis.TextEdit{{Pos: call.Pos(), End: call.End(), NewText: []byte(text)}}
	default:
		return nil
	}
	return []analysis.SuggestedFix{{Message: "Use " + strings.TrimPrefix(withCtx(o.alt, ctx), "use "), TextEdits: edits}}
}

// ctxText is the context an alternative names at pos in fi: the one
// a fix would use ("ctx", "r.Context()"), else the variable that gives
// fi a context, else "ctx" for a context still to be passed.
func (s *state) ctxText(fi *funcInfo, pos token.Pos) string {
	if ctx := s.usableCtx(fi, pos); ctx != "" {
		return ctx
	}
	if v := fi.ctxVar; v != nil {
		if fi.ctxCall {
			return v.Name() + ".Context()"
		}
		return v.Name()
	}
	return "ctx"
}

// ctxWord is how alternatives name the context: "ctx.Done()",
// "DialContext(ctx, ...)".
var ctxWord = regexp.MustCompile(`\bctx\b`)

// withCtx writes the context ctx where an alternative says ctx.
func withCtx(alt, ctx string) string {
	if ctx == "ctx" {
		return alt
	}
	return ctxWord.ReplaceAllLiteralString(alt, ctx)
}

// usableCtx is the text of a context usable at pos in fi ("ctx",
// "r.Context()"), or "" when there is none: no context variable, one
// shadowed at pos, one the function compares with nil (it may be nil
// on some path), or one whose cancel function it has called on the way
// to pos (it is done there).
func (s *state) usableCtx(fi *funcInfo, pos token.Pos) string {
	v := fi.ctxVar
	if v == nil {
		return s.fieldCtx(fi, pos)
	}
	scope := s.scopeAt(fi, pos)
	if scope == nil {
		return ""
	}
	if _, obj := scope.LookupParent(v.Name(), pos); obj != v {
		return ""
	}
	if s.comparedWithNil(fi, v) || s.cancelledCtx(fi, v, pos) {
		return ""
	}
	if fi.ctxCall {
		return v.Name() + ".Context()"
	}
	return v.Name()
}

// scopeAt is the innermost scope at pos, found from the scope of the
// declaration fi is written in: from the package scope, the search
// would go through every function of the package.
func (s *state) scopeAt(fi *funcInfo, pos token.Pos) *types.Scope {
	if scope := s.info.Scopes[fi.top().funcType()]; scope != nil {
		return s.innermost(scope, pos)
	}
	return s.pass.Pkg.Scope().Innermost(pos)
}

// source prints a node as gofmt would.
func (s *state) source(n ast.Node) string {
	var buf bytes.Buffer
	if err := printer.Fprint(&buf, s.pass.Fset, n); err != nil {
		panic(err) // printing a node of a type-checked file cannot fail
	}
	return buf.String()
}

// httpHelperFix rewrites a one-call helper (http.Get, Head, Post, and
// the Client methods of those names), which builds its request with no
// context, into a function literal called in its place that builds the
// request with ctx and sends it with the same client:
//
//	http.Post(u, ct, b)  ->  func() (*http.Response, error) {
//	                             req, err := http.NewRequestWithContext(ctx, http.MethodPost, u, b)
//	                             if err != nil {
//	                                 return nil, err
//	                             }
//	                             req.Header.Set("Content-Type", ct)
//	                             return http.DefaultClient.Do(req)
//	                         }()
//
// The arguments are evaluated inside the literal, so none may name req
// or err, and the call must be on a line of its own start.
func (s *state) httpHelperFix(o *op, fi *funcInfo, sel *ast.SelectorExpr, ctx string) []analysis.SuggestedFix {
	call := o.call
	fn := staticCallee(s.info, call)
	file := s.fileOf(call.Pos())
	if fn == nil || file == nil {
		return nil
	}
	pkg, ok := s.importNames(file)["net/http"]
	if !ok {
		return nil
	}
	if scope := s.scopeAt(fi, call.Pos()); scope == nil {
		return nil
	} else if _, obj := scope.LookupParent(pkg, call.Pos()); obj == nil {
		return nil
	} else if pn, ok := obj.(*types.PkgName); !ok || pn.Imported().Path() != "net/http" {
		return nil
	}
	for _, a := range call.Args {
		if mentionsName(a, "req") || mentionsName(a, "err") {
			return nil
		}
	}
	if strings.Contains(ctx, "req") || strings.Contains(ctx, "err") {
		return nil
	}
	client := pkg + ".DefaultClient"
	if fn.Type().(*types.Signature).Recv() != nil {
		if _, isPkg := s.info.Uses[identOf(sel.X)].(*types.PkgName); isPkg {
			return nil
		}
		client = s.source(sel.X)
	}
	var method, body, header string
	switch fn.Name() {
	case "Get", "Head":
		if len(call.Args) != 1 {
			return nil
		}
		method, body = "Method"+map[string]string{"Get": "Get", "Head": "Head"}[fn.Name()], "nil"
	case "Post":
		if len(call.Args) != 3 {
			return nil
		}
		method, body = "MethodPost", s.source(call.Args[2])
		header = "req.Header.Set(\"Content-Type\", " + s.source(call.Args[1]) + ")\n"
	default:
		return nil
	}
	tf := s.pass.Fset.File(call.Pos())
	src, err := s.readFile(tf.Name())
	if err != nil {
		return nil
	}
	line := tf.LineStart(tf.Line(call.Pos()))
	var indent strings.Builder
	for _, c := range src[tf.Offset(line):] {
		if c != ' ' && c != '\t' {
			break
		}
		indent.WriteByte(c)
	}
	in := indent.String()
	text := "func() (*" + pkg + ".Response, error) {\n" +
		in + "\treq, err := " + pkg + ".NewRequestWithContext(" + ctx + ", " + pkg + "." + method + ", " + s.source(call.Args[0]) + ", " + body + ")\n" +
		in + "\tif err != nil {\n" + in + "\t\treturn nil, err\n" + in + "\t}\n"
	if header != "" {
		text += in + "\t" + header
	}
	text += in + "\treturn " + client + ".Do(req)\n" + in + "}()"
	return []analysis.SuggestedFix{{
		Message:   "Build the request with " + pkg + ".NewRequestWithContext(" + ctx + ", ...) and send it with " + client + ".Do",
		TextEdits: []analysis.TextEdit{{Pos: call.Pos(), End: call.End(), NewText: []byte(text)}},
	}}
}

// returnsNetConn reports whether o's call is the whole of a return
// statement of a function whose results are (net.Conn, error).
func (s *state) returnsNetConn(o *op, fi *funcInfo) bool {
	_, fn, path, _ := s.stmtOf(o, fi)
	if len(path) < 2 {
		return false
	}
	ret, ok := path[1].(*ast.ReturnStmt)
	if !ok || len(ret.Results) != 1 || ret.Results[0] != ast.Expr(o.call) {
		return false
	}
	var t types.Type
	switch fn := fn.(type) {
	case *ast.FuncDecl:
		if obj := s.info.Defs[fn.Name]; obj != nil {
			t = obj.Type()
		}
	case *ast.FuncLit:
		t = s.info.TypeOf(fn)
	}
	sig, ok := t.(*types.Signature)
	if !ok {
		return false
	}
	r := sig.Results()
	return r.Len() == 2 && isNamed(r.At(0).Type(), "net", "Conn") && types.Identical(r.At(1).Type(), types.Universe.Lookup("error").Type())
}

// fieldCtx is the receiver's context field usable at pos in fi or a
// literal written in it ("c.ctx"), or "".
func (s *state) fieldCtx(fi *funcInfo, pos token.Pos) string {
	top := fi.top()
	if top.ctxField == nil {
		return ""
	}
	scope := s.scopeAt(fi, pos)
	if scope == nil {
		return ""
	}
	if _, obj := scope.LookupParent(top.ctxRecv.Name(), pos); obj != top.ctxRecv {
		return ""
	}
	return top.ctxRecv.Name() + "." + top.ctxField.Name()
}
