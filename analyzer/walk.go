package analyzer

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/types/typeutil"
)

// walker gathers the operations, calls, spawns and regions of the
// functions of one declaration (the declaration and every literal
// written in it). What a call or a spawn refers to may be a literal
// that is only met later in the walk, so those are resolved at the end.
type walker struct {
	s  *state
	ch *chanScan

	skip         map[ast.Node]bool             // channel operations judged by their select or by comma-ok
	spawned      map[*ast.CallExpr]bool        // calls run by a go statement: no edge
	litKind      map[*ast.FuncLit]entryKind    // literals started as goroutines or callbacks
	deferredLits map[*ast.FuncLit]bool         // literals run by defer
	locked       map[*funcInfo]map[string]bool // receivers each function locks, as written
	varLit       map[*types.Var]*ast.FuncLit

	pendingCalls []pendingCall
	pendingRoots []pendingRoot
	cmds         []cmdUse               // exec.Command calls whose command is run
	reqs         []reqUse               // http.NewRequest calls whose request is sent
	reqCtx       map[*types.Var]bool    // requests given a context later
	doneVars     map[*types.Var]bool    // locals holding a context's Done channel
	replyVars    map[*types.Var]bool    // reply channels received from a channel of channels
	condGuarded  map[*ast.CallExpr]bool // Cond.Wait in a loop that checks a stop flag
	broadcasts   bool                   // the declaration calls Cond.Broadcast
	cmdVar       map[*types.Var]cmdUse
	reqVar       map[*types.Var]*ast.CallExpr
	// received are the bodies of the select cases around the node being
	// walked, with the channel the case received from: a send on it
	// there is a handshake's reply.
	received []receivedCase
	// nonEmpty are the bodies of the if and for statements around the
	// node being walked that hold while a channel has something
	// buffered (len(ch) > 0).
	nonEmpty []receivedCase
}

type receivedCase struct {
	start, end token.Pos
	ch         string
}

type pendingCall struct {
	fi   *funcInfo
	call *ast.CallExpr
	lit  *ast.FuncLit
}

type pendingRoot struct {
	kind entryKind
	via  entryKind // for kindMain, the kind of spawn
	pos  token.Pos
	in   *funcInfo // the function the spawn is written in
	lit  *ast.FuncLit
	fn   *types.Func
}

type cmdUse struct {
	fi   *funcInfo
	call *ast.CallExpr
}

type reqUse struct {
	fi   *funcInfo
	call *ast.CallExpr
	v    *types.Var // the request variable, or nil when sent directly
}

// walkFunc walks a declaration and the literals in it.
func (s *state) walkFunc(fi *funcInfo) {
	w := &walker{
		s:            s,
		ch:           scanChans(s.info, fi.body),
		skip:         map[ast.Node]bool{},
		spawned:      map[*ast.CallExpr]bool{},
		litKind:      map[*ast.FuncLit]entryKind{},
		deferredLits: map[*ast.FuncLit]bool{},
		locked:       map[*funcInfo]map[string]bool{},
		varLit:       map[*types.Var]*ast.FuncLit{},
		reqCtx:       map[*types.Var]bool{},
		doneVars:     map[*types.Var]bool{},
		replyVars:    map[*types.Var]bool{},
		condGuarded:  map[*ast.CallExpr]bool{},
		cmdVar:       map[*types.Var]cmdUse{},
		reqVar:       map[*types.Var]*ast.CallExpr{},
	}
	inspect(fi.body, func(n ast.Node) bool {
		if call, ok := n.(*ast.CallExpr); ok {
			if fn := staticCallee(s.info, call); fn != nil && fn.FullName() == "(*sync.Cond).Broadcast" {
				w.broadcasts = true
			}
		}
		return !w.broadcasts
	})
	w.walk(fi)
	w.finish()
	s.connIO(fi)
}

func (w *walker) walk(fi *funcInfo) {
	s := w.s
	s.current = fi
	if s.cfg.panicIn != "" && s.cfg.panicIn == fi.name {
		panic("injected by a test")
	}
	if !fi.excluded && s.cfg.enabled(Sync) {
		checkWaitGroup(w, fi)
	}
	// received and nonEmpty hold only the stretches around the node
	// being looked at: what a node added is dropped once its subtree
	// is done, so a send or receive checks its enclosing cases and
	// guards, not every one of the declaration.
	type frame struct{ received, nonEmpty int }
	var frames []frame
	inspect(fi.body, func(n ast.Node) bool {
		if n == nil {
			f := frames[len(frames)-1]
			frames = frames[:len(frames)-1]
			w.received, w.nonEmpty = w.received[:f.received], w.nonEmpty[:f.nonEmpty]
			return true
		}
		frames = append(frames, frame{len(w.received), len(w.nonEmpty)})
		switch n := n.(type) {
		case *ast.FuncLit:
			child := s.newLit(n, fi)
			if k, ok := w.litKind[n]; ok {
				child.spawn = k
				if fi.excluded && s.startsInMain(fi) {
					// A goroutine main of a server starts runs as
					// long as the server: it is no part of main.
					child.excluded = false
				}
			}
			child.deferred = w.deferredLits[n]
			frames = frames[:len(frames)-1] // no f(nil) follows a false
			w.walk(child)
			return false

		case *ast.GoStmt:
			w.spawned[n.Call] = true
			w.spawnTarget(fi, kindGo, n.Pos(), n.Call.Fun, true)

		case *ast.SelectStmt:
			w.selectStmt(fi, n)

		case *ast.ForStmt:
			w.eventLoop(fi, n)
			if s.cfg.enabled(Sleep) {
				w.tickerLoop(fi, n)
			}
			w.condLoop(n)
			w.lenGuard(n.Cond, n.Body)
		case *ast.IfStmt:
			w.stopGuard(n)
			w.lenGuard(n.Cond, n.Body)
			w.nilCtxGuard(n)
		case *ast.DeferStmt:
			if lit, ok := astutil.Unparen(n.Call.Fun).(*ast.FuncLit); ok {
				w.deferredLits[lit] = true
			}

		case *ast.BlockStmt:
			w.lockRegions(fi, n.List, n.Rbrace)
		case *ast.CaseClause:
			w.lockRegions(fi, n.Body, endOf(n.Body, n.Colon))
		case *ast.CommClause:
			w.lockRegions(fi, n.Body, endOf(n.Body, n.Colon))
			if _, recv := commOp(n.Comm).(*ast.UnaryExpr); recv {
				w.received = append(w.received, receivedCase{n.Colon, endOf(n.Body, n.Colon), commChan(n.Comm)})
			}

		case *ast.AssignStmt:
			w.assign(fi, n)
		case *ast.ValueSpec:
			w.valueSpec(fi, n)

		case *ast.RangeStmt:
			w.rangeStmt(fi, n)

		case *ast.SendStmt:
			if !w.skip[n] {
				w.send(fi, n)
			}
		case *ast.UnaryExpr:
			if n.Op == token.ARROW && !w.skip[n] {
				w.recv(fi, n)
			}

		case *ast.CallExpr:
			w.call(fi, n)
		}
		return true
	})
}

func endOf(list []ast.Stmt, dflt token.Pos) token.Pos {
	if len(list) == 0 {
		return dflt
	}
	return list[len(list)-1].End()
}

// call records what a call does: an edge to a function we know, a
// known blocking operation, or a spawn of a new entry point.
func (w *walker) call(fi *funcInfo, call *ast.CallExpr) {
	s := w.s
	fun := astutil.Unparen(call.Fun)
	if lit, ok := fun.(*ast.FuncLit); ok && !w.spawned[call] {
		w.pendingCalls = append(w.pendingCalls, pendingCall{fi, call, lit})
		return
	}
	if id, ok := fun.(*ast.Ident); ok {
		if v, ok := s.info.Uses[id].(*types.Var); ok && !w.spawned[call] {
			if lit := w.varLit[v]; lit != nil {
				w.pendingCalls = append(w.pendingCalls, pendingCall{fi, call, lit})
			}
			return
		}
	}
	callee := staticCallee(s.info, call)
	if callee == nil {
		return
	}
	name := callee.FullName()

	// Functions that start their argument as a new goroutine or run it
	// later: the argument is an entry point, the call does not block.
	if name == "context.AfterFunc" {
		fi.watchesCtx = true
	}
	if k, arg := spawnerKind(name); k != kindNone && arg < len(call.Args) {
		w.spawnTarget(fi, k, call.Pos(), call.Args[arg], false)
		return
	}
	if w.spawned[call] {
		return
	}
	if name == "(*sync.Once).Do" && len(call.Args) == 1 {
		w.syncCallOf(fi, call, call.Args[0])
		return
	}
	switch name {
	case "(*sync.Mutex).Lock", "(*sync.RWMutex).Lock", "(*sync.RWMutex).RLock":
		if sel, ok := fun.(*ast.SelectorExpr); ok {
			if w.locked[fi] == nil {
				w.locked[fi] = map[string]bool{}
			}
			w.locked[fi][types.ExprString(sel.X)] = true
		}
	case "(*sync.Mutex).Unlock", "(*sync.RWMutex).Unlock", "(*sync.RWMutex).RUnlock":
		// Unlocking what this function did not lock: it manages its
		// caller's lock (unlock, block, lock again).
		if sel, ok := fun.(*ast.SelectorExpr); ok && !w.locked[fi][types.ExprString(sel.X)] {
			fi.unlocks = true
		}
	case "(*os/exec.Cmd).Run", "(*os/exec.Cmd).Output", "(*os/exec.Cmd).CombinedOutput", "(*os/exec.Cmd).Wait":
		w.cmdRun(fi, call)
	case "(*net/http.Client).Do", "(*net/http.Transport).RoundTrip", "(net/http.RoundTripper).RoundTrip":
		w.reqSend(fi, call)
	case "(*net/http.Request).WithContext", "(*net/http.Request).Clone":
		if sel, ok := fun.(*ast.SelectorExpr); ok {
			if v := localVar(s.info, sel.X); v != nil {
				w.reqCtx[v] = true
			}
		}
	}
	if len(call.Args) > 0 && (s.cfg.enabled(HTTP) || s.cfg.enabled(Exec)) {
		w.sinkArgs(fi, call, callee)
	}
	if isLocalDial(s.info, name, call) {
		return // a unix socket connects or fails at once
	}
	if flockReturnsAtOnce(s.info, name, call) {
		return // an unlock, or a lock that fails rather than waits
	}
	if syscallTimed(s.info, name, call) {
		return // a poll that waits at most the timeout it is given
	}
	if bc, ok := s.lookup(name); ok {
		if name == "(*sync.Cond).Wait" && (w.condGuarded[call] || s.closableWait(fi, call)) {
			return
		}
		if s.cfg.enabled(bc.family) {
			fi.ops = append(fi.ops, &op{
				pos: call.Pos(), node: call, call: call, family: bc.family,
				what: qualifiedName(callee), alt: bc.alt, fix: bc.fix,
				releasesLock: name == "(*sync.Cond).Wait",
			})
		}
		return
	}
	if target := s.byObj[callee]; target != nil {
		fi.calls = append(fi.calls, &callSite{pos: call.Pos(), call: call, callee: target})
		return
	}
	if impls := s.implementations(callee); len(impls) > 0 {
		for _, target := range impls {
			fi.calls = append(fi.calls, &callSite{pos: call.Pos(), call: call, callee: target})
		}
		return
	}
	if fact := s.importFact(callee); fact != nil {
		fi.calls = append(fi.calls, &callSite{pos: call.Pos(), call: call, ext: callee, fact: fact})
	}
}

// importFact is what another package's function blocks in, or nil.
// Channel operations and Cond waits inside another module are its own
// protocol (a writer's backpressure, a pool's queue, a map waiting out
// its resize) that no caller can change: they are followed only within
// the module being analysed.
func (s *state) importFact(fn *types.Func) *blockingFact {
	if fn.Pkg() == nil || fn.Pkg() == s.pass.Pkg {
		return nil
	}
	x := s.idx()
	fact, ok := x.facts[fn]
	if !ok {
		fact = s.readFact(fn)
		x.facts[fn] = fact
	}
	return fact
}

// readFact is importFact, without its memory: asking the driver for a
// fact can cost a search through the other package.
func (s *state) readFact(fn *types.Func) *blockingFact {
	var fact blockingFact
	if !s.pass.ImportObjectFact(fn, &fact) {
		return nil
	}
	if !s.sameModule(fn.Pkg().Path()) {
		ops := fact.Ops[:0:0]
		for _, o := range fact.Ops {
			if o.Family != Chan && o.Family != Sync {
				ops = append(ops, o)
			}
		}
		fact.Ops = ops
	}
	if len(fact.Ops) == 0 {
		return nil
	}
	return &fact
}

// sameModule reports whether a package path belongs to the module
// being analysed; without module information, everything does.
func (s *state) sameModule(path string) bool {
	m := s.pass.Module
	if m == nil || m.Path == "" {
		return true
	}
	return path == m.Path || strings.HasPrefix(path, m.Path+"/")
}

// syncCallOf records that call runs the function value f before it
// returns (sync.Once.Do).
func (w *walker) syncCallOf(fi *funcInfo, call *ast.CallExpr, f ast.Expr) {
	switch f := astutil.Unparen(f).(type) {
	case *ast.FuncLit:
		w.pendingCalls = append(w.pendingCalls, pendingCall{fi, call, f})
	default:
		if fn := funcOf(w.s.info, f); fn != nil {
			if target := w.s.byObj[fn]; target != nil {
				fi.calls = append(fi.calls, &callSite{pos: call.Pos(), call: call, callee: target})
			}
		}
	}
}

// spawnTarget records an entry point started by a go statement or a
// spawning function. When called is set, expr is the function part of
// the go statement's call; otherwise it is a function value.
func (w *walker) spawnTarget(fi *funcInfo, kind entryKind, pos token.Pos, expr ast.Expr, called bool) {
	pr := pendingRoot{kind: kind, pos: pos, in: fi}
	if fi.excluded {
		if !w.s.startsInMain(fi) {
			return
		}
		pr.kind, pr.via = kindMain, kind
	}
	expr = astutil.Unparen(expr)
	switch e := expr.(type) {
	case *ast.FuncLit:
		pr.lit = e
		w.litKind[e] = kind
		if kind == kindGo && w.watchesCtx(e) {
			fi.watchesCtx = true
		}
	case *ast.Ident:
		if v, ok := w.s.info.Uses[e].(*types.Var); ok {
			pr.lit = w.varLit[v]
		}
	}
	if pr.lit == nil {
		pr.fn = funcOf(w.s.info, expr)
	}
	if pr.lit != nil || pr.fn != nil {
		w.pendingRoots = append(w.pendingRoots, pr)
	}
}

// finish resolves what had to wait for the whole declaration.
func (w *walker) finish() {
	s := w.s
	for _, pc := range w.pendingCalls {
		if target := s.byLit[pc.lit]; target != nil {
			pc.fi.calls = append(pc.fi.calls, &callSite{pos: pc.call.Pos(), call: pc.call, callee: target})
		}
	}
	for _, pr := range w.pendingRoots {
		r := &root{kind: pr.kind, via: pr.via, pos: pr.pos, spawnedIn: pr.in}
		spawn := pr.kind
		if pr.kind == kindMain {
			r.server, spawn = s.mainServer, pr.via
		}
		switch {
		case pr.lit != nil:
			r.fn = s.byLit[pr.lit]
			if r.fn != nil && r.fn.spawn == kindNone {
				r.fn.spawn = spawn
			}
			if w.async(pr.lit) {
				// The goroutine is how its starter makes a blocking
				// call cancellable: it waits for the result in a select
				// with a way out. What the goroutine blocks in is
				// awaited, not suffered; only its send can leak, and
				// the abandoned-channel rule judges that.
				continue
			}
		case s.byObj[pr.fn] != nil:
			r.fn = s.byObj[pr.fn]
		default:
			fact := s.importFact(pr.fn)
			if fact == nil {
				continue
			}
			r.ext, r.fact = pr.fn, fact
		}
		if r.fn != nil || r.ext != nil {
			s.roots = append(s.roots, r)
		}
	}
	if s.cfg.enabled(Exec) {
		seen := map[*ast.CallExpr]bool{}
		for _, c := range w.cmds {
			if !seen[c.call] {
				seen[c.call] = true
				c.fi.ops = append(c.fi.ops, &op{pos: c.call.Pos(), node: c.call, call: c.call, family: Exec,
					what: "exec.Command", alt: "use exec.CommandContext", fix: fixCommand})
			}
		}
	}
	if s.cfg.enabled(HTTP) {
		seen := map[*ast.CallExpr]bool{}
		for _, r := range w.reqs {
			if !seen[r.call] && (r.v == nil || !w.reqCtx[r.v]) {
				seen[r.call] = true
				r.fi.ops = append(r.fi.ops, &op{pos: r.call.Pos(), node: r.call, call: r.call, family: HTTP,
					what: "http.NewRequest", alt: "use http.NewRequestWithContext", fix: fixNewRequest})
			}
		}
	}
}

// flockReturnsAtOnce reports whether a Flock call (syscall or
// golang.org/x/sys/unix) cannot wait: its operation, a constant,
// releases the lock (LOCK_UN) or asks not to block (LOCK_NB).
func flockReturnsAtOnce(info *types.Info, name string, call *ast.CallExpr) bool {
	if name != "syscall.Flock" && name != "golang.org/x/sys/unix.Flock" || len(call.Args) != 2 {
		return false
	}
	tv, ok := info.Types[call.Args[1]]
	if !ok || tv.Value == nil || tv.Value.Kind() != constant.Int {
		return false
	}
	how, exact := constant.Int64Val(tv.Value)
	const lockNB, lockUN = 4, 8 // the same on every platform with flock(2)
	return exact && how&(lockNB|lockUN) != 0
}

// syscallTimed reports whether a system call that waits for file
// descriptors (syscall or golang.org/x/sys/unix) is given a finite
// timeout: Select or Kevent with the address of a timeout value, Poll
// or EpollWait with a constant timeout of 0 or more milliseconds. Such
// a call is a poll that returns by itself, as a terminal query or a
// readiness check with a deadline; with a nil or negative timeout it
// waits with no end and stays a finding.
func syscallTimed(info *types.Info, name string, call *ast.CallExpr) bool {
	name = strings.TrimPrefix(strings.TrimPrefix(name, "syscall."), "golang.org/x/sys/unix.")
	var arg int
	switch name {
	case "Select":
		arg = 4
	case "Kevent":
		arg = 3
	case "Poll":
		arg = 1
	case "EpollWait":
		arg = 2
	default:
		return false
	}
	if len(call.Args) <= arg {
		return false
	}
	e := astutil.Unparen(call.Args[arg])
	if name == "Select" || name == "Kevent" {
		u, ok := e.(*ast.UnaryExpr)
		return ok && u.Op == token.AND
	}
	tv, ok := info.Types[e]
	if !ok || tv.Value == nil || tv.Value.Kind() != constant.Int {
		return false
	}
	ms, exact := constant.Int64Val(tv.Value)
	return exact && ms >= 0
}

// isLocalDial reports whether a call dials a unix socket or a UDP
// address, named by a constant network: connecting to a unix socket
// succeeds or fails at once, and a UDP "connection" sends nothing, so
// neither waits for a peer.
func isLocalDial(info *types.Info, name string, call *ast.CallExpr) bool {
	var network ast.Expr
	switch name {
	case "net.Dial", "net.DialTimeout", "(*net.Dialer).Dial":
		if len(call.Args) > 0 {
			network = call.Args[0]
		}
	}
	if network == nil {
		return false
	}
	tv, ok := info.Types[network]
	if !ok || tv.Value == nil || tv.Value.Kind() != constant.String {
		return false
	}
	switch constant.StringVal(tv.Value) {
	case "unix", "unixgram", "unixpacket", "udp", "udp4", "udp6":
		return true
	}
	return false
}

// staticCallee is the function a call statically calls, mapped from an
// instantiation to its generic origin; nil for builtins, conversions
// and dynamic calls.
func staticCallee(info *types.Info, call *ast.CallExpr) *types.Func {
	fn, _ := typeutil.Callee(info, call).(*types.Func)
	if fn == nil {
		return nil
	}
	return fn.Origin()
}

// funcOf is the function a function value names: f, pkg.F, x.Method,
// T.Method; nil otherwise.
func funcOf(info *types.Info, e ast.Expr) *types.Func {
	var obj types.Object
	switch e := astutil.Unparen(e).(type) {
	case *ast.Ident:
		obj = info.Uses[e]
	case *ast.SelectorExpr:
		if sel := info.Selections[e]; sel != nil {
			obj = sel.Obj()
		} else {
			obj = info.Uses[e.Sel]
		}
	case *ast.IndexExpr: // generic instantiation f[T]
		return funcOf(info, e.X)
	case *ast.IndexListExpr:
		return funcOf(info, e.X)
	}
	if fn, ok := obj.(*types.Func); ok {
		return fn.Origin()
	}
	return nil
}

// localVar is the variable an expression names, if it is a plain
// identifier of a local variable.
func localVar(info *types.Info, e ast.Expr) *types.Var {
	v := identVar(info, e)
	if v == nil || v.IsField() || v.Parent() == nil || v.Parent() == v.Pkg().Scope() {
		return nil
	}
	return v
}

// identVar is the variable a plain identifier names, or nil.
func identVar(info *types.Info, e ast.Expr) *types.Var {
	id, ok := astutil.Unparen(e).(*ast.Ident)
	if !ok {
		return nil
	}
	v, _ := info.ObjectOf(id).(*types.Var)
	return v
}
