package analyzer

import (
	"cmp"
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// funcInfo is one function body of the package: a declaration or a
// function literal. Literals are functions of their own: what they do
// blocks whoever calls them, not the function that wrote them.
type funcInfo struct {
	name   string        // for messages: "Run", "(*Server).Run", "func literal in Run"
	obj    *types.Func   // nil for literals
	decl   *ast.FuncDecl // nil for literals
	lit    *ast.FuncLit  // nil for declarations
	body   *ast.BlockStmt
	file   *ast.File
	parent *funcInfo // the function a literal is written in

	// takesCtx: a context.Context, *http.Request or RPC stream
	// parameter. Such a function has promised to honour cancellation;
	// it is an entry point of its own and never blocks its callers.
	takesCtx bool
	// ctxVar is the variable that gives a usable context: a context
	// itself, or (ctxCall) a request or stream whose Context method
	// gives one. Nil when none is at hand.
	ctxVar  *types.Var
	ctxCall bool
	// hasCtx: a context is in scope, as a parameter of this function or
	// of one it is written in, or as a local variable.
	hasCtx bool
	// stopVar is a parameter of type <-chan struct{}: a stop channel
	// the caller closes to cancel, as a context's Done channel is.
	stopVar *types.Var
	// localCtx is the first context variable the function defines from
	// something other than context.Background or TODO: with it, a
	// context is at hand although none was passed in.
	localCtx *types.Var
	// localCtxFrom is where localCtx gets that value: before it, the
	// variable may still hold context.Background().
	localCtxFrom token.Pos
	// ctxRecv and ctxField: a method with no context of its own whose
	// receiver (ctxRecv) has a context field (ctxField) the package
	// only ever sets to contexts that can end: c.ctx is at hand.
	ctxRecv, ctxField *types.Var
	// spawn is set for a literal started as a goroutine or callback.
	spawn entryKind
	// deferred: a literal run by defer.
	deferred bool
	// unlocks: the function unlocks a mutex itself, so it manages the
	// lock its caller may hold (unlock, block, lock again).
	unlocks bool
	// semSends, semRecvs: semaphore channels the function sends on and
	// receives from, by expression (guard.go semaphorePair).
	semSends, semRecvs map[string]bool
	// watchesCtx: the function starts a goroutine that waits for its
	// context to be done (or sets a context.AfterFunc), to interrupt
	// its own blocking calls by closing what they wait on.
	watchesCtx bool
	// excluded: main, init, and what is written inside them (but for
	// the goroutines main starts in a long-running program); test files
	// unless -tests; generated files. Never an entry point.
	excluded bool
	ignore   *directive // a //blockcheck:ignore in the doc comment

	ops     []*op
	calls   []*callSite
	regions []*region

	best map[Family]*step // the closest blocking operation per family (callgraph.go)

	// opOrder and callOrder index ops and calls by position, for
	// opsIn and callsIn.
	opOrder, callOrder []int
}

// opsIn are the operations of fi written in [start, end), in the order
// of fi.ops.
func (fi *funcInfo) opsIn(start, end token.Pos) []*op {
	if len(fi.opOrder) != len(fi.ops) {
		fi.opOrder = orderByPos(len(fi.ops), func(i int) token.Pos { return fi.ops[i].pos })
	}
	var out []*op
	for _, i := range between(fi.opOrder, func(i int) token.Pos { return fi.ops[i].pos }, start, end) {
		out = append(out, fi.ops[i])
	}
	return out
}

// callsIn are the calls of fi written in [start, end), in the order of
// fi.calls.
func (fi *funcInfo) callsIn(start, end token.Pos) []*callSite {
	if len(fi.callOrder) != len(fi.calls) {
		fi.callOrder = orderByPos(len(fi.calls), func(i int) token.Pos { return fi.calls[i].pos })
	}
	var out []*callSite
	for _, i := range between(fi.callOrder, func(i int) token.Pos { return fi.calls[i].pos }, start, end) {
		out = append(out, fi.calls[i])
	}
	return out
}

// orderByPos is 0..n-1 sorted by position.
func orderByPos(n int, pos func(int) token.Pos) []int {
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(pos(a), pos(b)) })
	return order
}

// between is the indices of order whose positions are in [start, end),
// in increasing order of index.
func between(order []int, pos func(int) token.Pos, start, end token.Pos) []int {
	lo, _ := slices.BinarySearchFunc(order, start, func(i int, p token.Pos) int { return cmp.Compare(pos(i), p) })
	hi, _ := slices.BinarySearchFunc(order, end, func(i int, p token.Pos) int { return cmp.Compare(pos(i), p) })
	if lo >= hi {
		return nil
	}
	in := slices.Clone(order[lo:hi])
	slices.Sort(in)
	return in
}

// callSite is a synchronous call to a function whose body we know (in
// this package) or whose behaviour a fact tells (another package).
type callSite struct {
	pos    token.Pos
	call   *ast.CallExpr
	callee *funcInfo     // in this package
	ext    *types.Func   // in another package
	fact   *blockingFact // what ext blocks in
}

// region is a stretch of a function body that is an entry point by
// itself: the case bodies of a for-select loop, or the statements
// between Lock and Unlock.
type region struct {
	kind       entryKind
	pos        token.Pos // the select statement, or the Lock call
	start, end token.Pos
	lock       string // for lock regions, the locked expression
	// exits are stretches of an event loop's case body that end the
	// loop: what blocks there stalls nothing.
	exits [][2]token.Pos
	// exitSpans are the exits merged, for lookups; exitsOf is how
	// many of them it holds.
	exitSpans spans
	exitsOf   int
	// cases are the channels of the event loop's cases, shared by the
	// regions of its cases; self is this region's case among them. The
	// channels the other cases wait on are the ones it serves.
	cases *loopCases
	self  int
}

// loopCases are the channels of the cases of an event loop's select,
// as written ("" for default), and how many cases wait on each.
type loopCases struct {
	chans []string
	count map[string]int
}

// serves is the number of distinct channels the other cases of an event
// loop wait on, and whether ch is one of them.
func (r *region) serves(ch string) (int, bool) {
	own := r.cases.chans[r.self]
	n := len(r.cases.count)
	if own != "" && r.cases.count[own] == 1 {
		n-- // only this case waits on it
	}
	in := ch != "" && r.cases.count[ch] > 0 && !(ch == own && r.cases.count[own] == 1)
	return n, in
}

func (r *region) contains(pos token.Pos) bool {
	if r == nil {
		return true
	}
	if pos < r.start || pos >= r.end {
		return false
	}
	if len(r.exits) == 0 {
		return true
	}
	if r.exitSpans == nil || r.exitsOf != len(r.exits) {
		r.exitSpans, r.exitsOf = mergeSpans(r.exits), len(r.exits)
	}
	return !r.exitSpans.contain(pos)
}

// state is the analysis of one package.
type state struct {
	pass  *analysis.Pass
	cfg   *Config
	info  *types.Info
	funcs []*funcInfo
	byObj map[*types.Func]*funcInfo
	byLit map[*ast.FuncLit]*funcInfo
	roots []*root
	// excludedFile marks test files (without -tests) and generated files.
	excludedFile map[*ast.File]bool
	current      *funcInfo // the function being looked at, for crash reports
	directives   *directives
	// fieldMakes holds the capacities of the channels made into each
	// struct field of the package (guard.go).
	fieldMakes map[*types.Var][]int64
	// releases are the bare receives that give back a semaphore token
	// taken in another function (tokens.go).
	releases map[*ast.UnaryExpr]bool
	// paramSources maps channel parameters of unexported functions to
	// the fields passed for them (tokens.go).
	paramSources map[*types.Var][]*types.Var
	// condClose maps Cond fields to the flags a Close sets before it
	// broadcasts on them (condclose.go).
	condClose map[*types.Var]*condCloser
	// nilCtx are the branches where a context was compared with nil
	// and found so (nilCtxGuard).
	nilCtx [][2]token.Pos
	// mailboxes caches cpuDrained, litVars localLits (mailbox.go).
	mailboxes map[*types.Var]bool
	litVars   map[*types.Var]*ast.FuncLit
	// mainServer is set in a package main whose main serves or waits
	// for signals: what main starts is an entry point (mainserver.go).
	mainServer *mainServer
	// pendingReplies are the reply channels put in requests, judged
	// with the package's fields (witness.go).
	pendingReplies []pendingReply
	// index holds what is looked up per finding (index.go).
	index *index
}

// collect builds a funcInfo for every function body of the package.
// Declarations are created first so that calls between them resolve
// whatever the order of the files.
func (s *state) collect() {
	s.fieldMakes = scanFieldMakes(s.info, s.pass.Files)
	s.paramSources = scanParamSources(s.info, s.pass.Files, s.pass.Pkg)
	s.releases = scanReleases(s.info, s.pass.Files, s.fieldMakes, s.paramSources)
	s.condClose = scanCondClose(s.info, s.pass.Files)
	for _, f := range s.pass.Files {
		for _, d := range f.Decls {
			decl, ok := d.(*ast.FuncDecl)
			if !ok || decl.Body == nil {
				continue
			}
			obj, _ := s.info.Defs[decl.Name].(*types.Func)
			if obj == nil {
				continue
			}
			fi := &funcInfo{name: funcName(obj), obj: obj, decl: decl, body: decl.Body, file: f,
				semSends: map[string]bool{}, semRecvs: map[string]bool{}}
			fi.excluded = s.excludedFile[f] || isMainOrInit(s.pass.Pkg, decl)
			fi.ignore = s.directives.onFunc(decl.Doc)
			s.setParams(fi, decl.Type)
			if !fi.hasCtx {
				s.setFieldCtx(fi)
			}
			s.funcs = append(s.funcs, fi)
			s.byObj[obj] = fi
		}
	}
	s.mainServer = s.findMainServer()
	// Literals are found while walking their enclosing declaration.
	for _, fi := range s.funcs[:len(s.funcs):len(s.funcs)] {
		s.walkFunc(fi)
	}
	if s.cfg.enabled(Chan) {
		for _, fi := range s.funcs {
			if fi.decl != nil && !fi.excluded {
				s.witnesses(fi)
			}
		}
		s.loopChannels()
	}
	// Semaphore receives in functions that also send: taken and given
	// back like a mutex, no finding.
	for _, fi := range s.funcs {
		fi.ops = slices.DeleteFunc(fi.ops, func(o *op) bool { return o.semExpr != "" && fi.semaphorePair(o.semExpr) })
	}
	// Literals in package-level variables (var h = http.HandlerFunc(...))
	// are functions without an enclosing one.
	for _, f := range s.pass.Files {
		for _, d := range f.Decls {
			gd, ok := d.(*ast.GenDecl)
			if !ok || gd.Tok != token.VAR {
				continue
			}
			inspect(gd, func(n ast.Node) bool {
				lit, ok := n.(*ast.FuncLit)
				if !ok {
					return true
				}
				fi := s.newLit(lit, nil)
				fi.file = f
				fi.excluded = s.excludedFile[f]
				s.walkFunc(fi)
				return false
			})
		}
	}
}

func isMainOrInit(pkg *types.Package, decl *ast.FuncDecl) bool {
	if decl.Recv != nil {
		return false
	}
	return decl.Name.Name == "init" || (decl.Name.Name == "main" && pkg.Name() == "main")
}

// funcName is the short display name of a function: "Run",
// "(*Server).Run", "(Point).String".
func funcName(fn *types.Func) string {
	sig, _ := fn.Type().(*types.Signature)
	if sig == nil || sig.Recv() == nil {
		return fn.Name()
	}
	t := sig.Recv().Type()
	ptr := ""
	if p, ok := t.(*types.Pointer); ok {
		ptr, t = "*", p.Elem()
	}
	name := types.TypeString(t, func(*types.Package) string { return "" })
	if i := strings.IndexByte(name, '['); i >= 0 {
		name = name[:i]
	}
	return "(" + ptr + name + ")." + fn.Name()
}

// qualifiedName is funcName with the package name in front, for
// functions of other packages: "store.Save", "(*store.DB).Save".
func qualifiedName(fn *types.Func) string {
	name := funcName(fn)
	if fn.Pkg() == nil {
		return name
	}
	if strings.HasPrefix(name, "(") {
		return "(" + qualifyRecv(name[1:], fn.Pkg().Name())
	}
	return fn.Pkg().Name() + "." + name
}

func qualifyRecv(rest, pkg string) string {
	if strings.HasPrefix(rest, "*") {
		return "*" + pkg + "." + rest[1:]
	}
	return pkg + "." + rest
}

// newLit makes the funcInfo of a literal written in parent.
func (s *state) newLit(lit *ast.FuncLit, parent *funcInfo) *funcInfo {
	fi := &funcInfo{name: "package-level func literal", lit: lit, body: lit.Body,
		semSends: map[string]bool{}, semRecvs: map[string]bool{}}
	if parent != nil {
		fi.name = "func literal in " + parent.topName()
		fi.file, fi.parent, fi.excluded, fi.ignore = parent.file, parent, parent.excluded, parent.ignore
	}
	s.setParams(fi, lit.Type)
	if parent != nil {
		fi.hasCtx = fi.hasCtx || parent.hasCtx
		// A literal handed a context of its own (a DialContext
		// callback) should honour that one, not one it captures.
		if fi.ctxVar == nil && !fi.takesCtx {
			fi.ctxVar, fi.ctxCall = parent.ctxVar, parent.ctxCall
		}
	}
	s.funcs = append(s.funcs, fi)
	s.byLit[lit] = fi
	return fi
}

// setParams records the context a function's parameters give it.
func (s *state) setParams(fi *funcInfo, ft *ast.FuncType) {
	if ft.Params == nil {
		return
	}
	for _, field := range ft.Params.List {
		t := s.info.TypeOf(field.Type)
		if t == nil {
			continue
		}
		var v *types.Var
		if len(field.Names) > 0 && field.Names[0].Name != "_" {
			v, _ = s.info.Defs[field.Names[0]].(*types.Var)
		}
		switch {
		case isContext(t):
			fi.takesCtx, fi.hasCtx = true, true
			if fi.ctxVar == nil && v != nil {
				fi.ctxVar = v
			}
		case isHTTPRequest(t), isStream(t), embedsRequest(t):
			fi.takesCtx, fi.hasCtx = true, true
			if fi.ctxVar == nil && v != nil {
				fi.ctxVar, fi.ctxCall = v, true
			}
		case isStopChan(t):
			if fi.stopVar == nil && v != nil {
				fi.stopVar = v
			}
		}
	}
}

// setFieldCtx gives a method the context field of its receiver, when
// the package only ever sets that field to contexts that can end.
func (s *state) setFieldCtx(fi *funcInfo) {
	recv, field := s.recvCtxField(fi.decl)
	if field == nil {
		return
	}
	fi.ctxRecv, fi.ctxField, fi.hasCtx = recv, field, true
}

// recvCtxField is the named receiver of decl and its context.Context
// field that ctxFields admits, or nils.
func (s *state) recvCtxField(decl *ast.FuncDecl) (*types.Var, *types.Var) {
	if decl == nil || decl.Recv == nil || len(decl.Recv.List) != 1 || len(decl.Recv.List[0].Names) != 1 {
		return nil, nil
	}
	recv, ok := s.info.Defs[decl.Recv.List[0].Names[0]].(*types.Var)
	if !ok || recv.Name() == "_" {
		return nil, nil
	}
	t := recv.Type()
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	st, ok := t.Underlying().(*types.Struct)
	if !ok {
		return nil, nil
	}
	fields := s.ctxFields()
	for f := range st.Fields() {
		if isNamed(f.Type(), "context", "Context") && fields[f] {
			return recv, f
		}
	}
	return nil, nil
}

// ctxName is how the context at hand from a local or a field is
// written: "ctx", "c.ctx".
func (fi *funcInfo) ctxName() string {
	if fi.localCtx != nil {
		return fi.localCtx.Name()
	}
	if fi.ctxField != nil {
		return fi.ctxRecv.Name() + "." + fi.ctxField.Name()
	}
	return "ctx"
}
