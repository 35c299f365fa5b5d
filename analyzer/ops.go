package analyzer

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/astutil"
)

// op is one blocking operation written in a function.
type op struct {
	pos    token.Pos
	node   ast.Node
	call   *ast.CallExpr // the call, for operations that are calls
	family Family
	what   string  // "time.Sleep", "send on s.out"
	alt    string  // the alternative the message names
	fix    fixKind // the mechanical rewrite, if any

	// needsCtx: a channel operation on a channel the function does
	// not own. It is a finding only where a context is at hand (or in
	// an event loop or under a lock): elsewhere it is how goroutines
	// that share a channel talk.
	needsCtx bool
	// ctxOnly: an operation that ignores cancellation only where a
	// context is at hand (a select bounded by a timer alone).
	ctxOnly bool
	// msg, when set, is the whole message of an operation reported
	// wherever it is, entry point or not (see state.always).
	msg string
	// grow is the make of an abandoned result channel, which a buffer
	// of growTo (at least 1) fixes: room for every send.
	growTo int
	grow   *ast.CallExpr
	// semExpr is the channel of a receive from a semaphore, which is no
	// finding when the function also sends on it (semaphorePair).
	semExpr string
	// chanVar is the variable a send's channel is, when it is one.
	chanVar *types.Var
	// releasesLock: sync.Cond.Wait, which unlocks while it waits, so
	// it is no finding of a critical section.
	releasesLock bool
	// writes: a connection write (connio.go), which a datagram socket
	// does without waiting.
	writes bool
	// edits, when set, are the fix, with fixMsg its message.
	edits  []analysis.TextEdit
	fixMsg string
	// related are the positions of a channel finding's witness.
	related []analysis.RelatedInformation
	// inert: a finding that blocks nobody (a misplaced WaitGroup.Add),
	// so callers do not inherit it.
	inert bool
}

const (
	altChan       = "select on it together with ctx.Done()"
	altSelect     = "add a case on ctx.Done(), a done channel or a timer"
	altTicker     = "a ticker's channel is never closed, so loop on a select over it and a done channel, and stop the ticker"
	altStopSignal = "close the channel instead, or send in a select with the loop's done channel"
)

// selectStmt judges a select: its own communications are not
// operations of their own, and a select with no way out blocks.
func (w *walker) selectStmt(fi *funcInfo, sel *ast.SelectStmt) {
	for _, c := range sel.Body.List {
		op := commOp(c.(*ast.CommClause).Comm)
		if op != nil {
			w.skip[op] = true
		}
		// A token taken in a select counts for semaphorePair.
		if send, ok := op.(*ast.SendStmt); ok && w.s.semaphore(send.Chan) {
			for f := fi; f != nil; f = f.parent {
				f.semSends[types.ExprString(send.Chan)] = true
			}
		}
	}
	if w.s.cfg.enabled(Sleep) {
		w.timerSelect(fi, sel)
	}
	if !w.s.cfg.enabled(ChanAudit) || selectHasWayOut(w.s.info, sel, nil) || w.allOwn(sel) {
		return
	}
	what := "select with no way out"
	if len(sel.Body.List) == 0 {
		what = "select {}"
	}
	fi.ops = append(fi.ops, &op{pos: sel.Pos(), node: sel, family: ChanAudit, what: what, alt: altSelect, needsCtx: true})
}

// timerSelect: a select whose only way out is a timer waits out the
// timer whatever happens to the context at hand, as time.Sleep does.
// A select with a default, or a case on ctx.Done() or on a signal
// channel (a done or quit channel), has another way out.
func (w *walker) timerSelect(fi *funcInfo, sel *ast.SelectStmt) {
	info := w.s.info
	var timer ast.Expr
	for _, c := range sel.Body.List {
		cc := c.(*ast.CommClause)
		if cc.Comm == nil {
			return
		}
		u, ok := commOp(cc.Comm).(*ast.UnaryExpr)
		if !ok {
			continue
		}
		x := astutil.Unparen(u.X)
		switch v := localVar(info, x); {
		case isContextDone(info, x), v != nil && w.doneVars[v], isSignalChan(info.TypeOf(x)):
			return
		case isTimeChan(info.TypeOf(x)):
			if timer == nil {
				timer = x
			}
		case v == nil || w.ch.makes[v] == nil || w.fedWithCtx(fi, v):
			// A receive from a channel whose senders are not all seen,
			// or are handed a context: they may well end the wait when
			// the context ends. Only a channel whose every feeder is
			// seen to have no context leaves the timer as the one way
			// out. (A send case waits for a receiver, which this
			// context does not move.)
			return
		}
	}
	if timer == nil {
		return
	}
	fi.ops = append(fi.ops, &op{pos: sel.Pos(), node: sel, family: Sleep, what: "select bounded only by " + types.ExprString(timer),
		alt: "add a case on ctx.Done() that returns", ctxOnly: true, inert: true})
}

// fedWithCtx reports whether a channel v the function makes may be
// fed by code that sees a context: a goroutine literal or a call that
// uses v and mentions a value of a context type, or any use of v the
// scan does not follow (stored, returned, passed on in a plain call).
func (w *walker) fedWithCtx(fi *funcInfo, v *types.Var) bool {
	info := w.s.info
	top := fi
	for top.parent != nil {
		top = top.parent
	}
	mentions := func(n ast.Node, pred func(*ast.Ident) bool) bool {
		found := false
		ast.Inspect(n, func(m ast.Node) bool {
			if id, ok := m.(*ast.Ident); ok && pred(id) {
				found = true
			}
			return !found
		})
		return found
	}
	usesV := func(id *ast.Ident) bool { return info.Uses[id] == v }
	hasCtx := func(id *ast.Ident) bool {
		o, ok := info.Uses[id].(*types.Var)
		return ok && isContext(o.Type())
	}
	fed := false
	ast.Inspect(top.body, func(n ast.Node) bool {
		if fed {
			return false
		}
		switch n := n.(type) {
		case *ast.GoStmt:
			if mentions(n.Call, usesV) && mentions(n.Call, hasCtx) {
				fed = true
			}
			return false
		case *ast.FuncLit:
			// errgroup.Go, WaitGroup.Go, a callback: judged as a
			// goroutine would be.
			if mentions(n.Body, usesV) && mentions(n.Body, hasCtx) {
				fed = true
			}
			return false
		case *ast.CallExpr:
			if _, ok := info.Uses[calleeIdent(n.Fun)].(*types.Builtin); ok {
				return false
			}
			for _, a := range n.Args {
				if id, ok := astutil.Unparen(a).(*ast.Ident); ok && usesV(id) {
					fed = true // handed to code not followed here
				}
			}
		case *ast.AssignStmt:
			for _, r := range n.Rhs {
				if id, ok := astutil.Unparen(r).(*ast.Ident); ok && usesV(id) {
					fed = true
				}
			}
		case *ast.ReturnStmt, *ast.CompositeLit:
			if mentions(n, usesV) {
				fed = true
			}
			return false
		}
		return true
	})
	return fed
}

// tickerLoop: for { select { case <-t.C: ... } } with only timer cases
// and no way out of the loop never ends, as range t.C does not.
func (w *walker) tickerLoop(fi *funcInfo, loop *ast.ForStmt) {
	if loop.Cond != nil || len(loop.Body.List) != 1 {
		return
	}
	sel, ok := loop.Body.List[0].(*ast.SelectStmt)
	if !ok || len(sel.Body.List) == 0 {
		return
	}
	var timer ast.Expr
	for _, c := range sel.Body.List {
		cc := c.(*ast.CommClause)
		u, ok := commOp(cc.Comm).(*ast.UnaryExpr)
		if !ok || !isTimeChan(w.s.info.TypeOf(u.X)) {
			return
		}
		if timer == nil {
			timer = u.X
		}
		for _, st := range cc.Body {
			if leaves(st) {
				return
			}
		}
	}
	fi.ops = append(fi.ops, &op{pos: loop.Pos(), node: loop, family: Sleep, what: "for-select over only " + types.ExprString(timer), alt: altTicker})
}

// leaves reports whether a statement of a select case inside a loop
// can leave the loop: a return, a goto, or a labelled break.
func leaves(st ast.Stmt) bool {
	found := false
	ast.Inspect(st, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			found = true
		case *ast.BranchStmt:
			found = found || n.Tok == token.GOTO || (n.Tok == token.BREAK && n.Label != nil)
		case *ast.CallExpr:
			if id, ok := n.Fun.(*ast.Ident); ok && id.Name == "panic" {
				found = true
			}
		}
		return !found
	})
	return found
}

// commOp is the channel operation of a select case: a *ast.SendStmt or
// a receive *ast.UnaryExpr; nil for default.
func commOp(comm ast.Stmt) ast.Node {
	switch c := comm.(type) {
	case *ast.SendStmt:
		return c
	case *ast.ExprStmt:
		if u, ok := astutil.Unparen(c.X).(*ast.UnaryExpr); ok && u.Op == token.ARROW {
			return u
		}
	case *ast.AssignStmt:
		if len(c.Rhs) == 1 {
			if u, ok := astutil.Unparen(c.Rhs[0]).(*ast.UnaryExpr); ok && u.Op == token.ARROW {
				return u
			}
		}
	}
	return nil
}

// lenGuard notes a body that runs only while a channel has a value
// buffered: if len(ch) > 0 { <-ch } takes it without waiting.
func (w *walker) lenGuard(cond ast.Expr, body *ast.BlockStmt) {
	b, ok := astutil.Unparen(cond).(*ast.BinaryExpr)
	if !ok || body == nil {
		return
	}
	lenOf := func(e ast.Expr) string {
		call, ok := astutil.Unparen(e).(*ast.CallExpr)
		if !ok || len(call.Args) != 1 {
			return ""
		}
		if id, ok := astutil.Unparen(call.Fun).(*ast.Ident); !ok || id.Name != "len" {
			return ""
		} else if _, builtin := w.s.info.Uses[id].(*types.Builtin); !builtin {
			return ""
		}
		if _, isChan := under(w.s.info.TypeOf(call.Args[0])).(*types.Chan); !isChan {
			return ""
		}
		return types.ExprString(call.Args[0])
	}
	isZero := func(e ast.Expr) bool {
		tv, ok := w.s.info.Types[e]
		return ok && tv.Value != nil && tv.Value.ExactString() == "0"
	}
	isOne := func(e ast.Expr) bool {
		tv, ok := w.s.info.Types[e]
		return ok && tv.Value != nil && tv.Value.ExactString() == "1"
	}
	var ch string
	switch {
	case (b.Op == token.GTR || b.Op == token.NEQ) && isZero(b.Y):
		ch = lenOf(b.X)
	case b.Op == token.GEQ && isOne(b.Y):
		ch = lenOf(b.X)
	case (b.Op == token.LSS || b.Op == token.NEQ) && isZero(b.X):
		ch = lenOf(b.Y)
	}
	if ch != "" {
		w.nonEmpty = append(w.nonEmpty, receivedCase{body.Lbrace, body.Rbrace, ch})
	}
}

// nilCtxGuard notes the branch of if ctx == nil (or the else of
// if ctx != nil) where a context is compared with nil: there no context
// is at hand, and what blocks ignores none.
func (w *walker) nilCtxGuard(n *ast.IfStmt) {
	b, ok := astutil.Unparen(n.Cond).(*ast.BinaryExpr)
	if !ok || (b.Op != token.EQL && b.Op != token.NEQ) {
		return
	}
	x, y := b.X, b.Y
	if isNil(w.s.info, x) {
		x, y = y, x
	}
	if !isNil(w.s.info, y) || !isContext(w.s.info.TypeOf(x)) {
		return
	}
	var branch ast.Node = n.Body
	if b.Op == token.NEQ {
		if n.Else == nil {
			return
		}
		branch = n.Else
	}
	w.s.nilCtx = append(w.s.nilCtx, [2]token.Pos{branch.Pos(), branch.End()})
}

// isNil reports whether e is the predeclared nil.
func isNil(info *types.Info, e ast.Expr) bool {
	id, ok := astutil.Unparen(e).(*ast.Ident)
	if !ok {
		return false
	}
	_, isNil := info.Uses[id].(*types.Nil)
	return isNil
}

// inNilCtx reports whether pos is in a branch where the context was
// found nil.
func (s *state) inNilCtx(pos token.Pos) bool {
	x := s.idx()
	if x.nilCtx == nil || x.nilCtxOf != len(s.nilCtx) {
		x.nilCtx, x.nilCtxOf = mergeSpans(s.nilCtx), len(s.nilCtx)
	}
	return x.nilCtx.contain(pos)
}

// isSignalValue reports whether a sent value carries no information: a
// constant (true) or struct{}{}.
func isSignalValue(info *types.Info, v ast.Expr) bool {
	if tv, ok := info.Types[v]; ok && tv.Value != nil {
		return true
	}
	lit, ok := astutil.Unparen(v).(*ast.CompositeLit)
	return ok && len(lit.Elts) == 0
}

// replies reports whether a send is in the body of a select case that
// received from the same channel: the second half of a handshake,
// where the stopper sends and then waits for the loop's answer.
func (w *walker) replies(s *ast.SendStmt) bool {
	ch := types.ExprString(s.Chan)
	countWork(len(w.received))
	for _, r := range w.received {
		if r.ch == ch && r.start <= s.Pos() && s.End() <= r.end {
			return true
		}
	}
	return false
}

// hasDefault reports whether a select has a default case.
func hasDefault(sel *ast.SelectStmt) bool {
	for _, c := range sel.Body.List {
		if c.(*ast.CommClause).Comm == nil {
			return true
		}
	}
	return false
}

// commChan is the channel of a select case's communication, as
// written, or "" for default.
func commChan(comm ast.Stmt) string {
	switch op := commOp(comm).(type) {
	case *ast.SendStmt:
		return types.ExprString(op.Chan)
	case *ast.UnaryExpr:
		return types.ExprString(op.X)
	}
	return ""
}

// servedBy reports whether a nested select in an event loop's case
// waits on every channel the loop's other cases wait on: while it
// waits, it serves them itself, so nothing is stalled.
func (r *region) servedBy(n ast.Node) bool {
	sel, ok := n.(*ast.SelectStmt)
	if !ok || r.kind != kindEventLoop {
		return false
	}
	want, _ := r.serves("")
	if want == 0 {
		return false
	}
	has := map[string]bool{}
	for _, c := range sel.Body.List {
		ch := commChan(c.(*ast.CommClause).Comm)
		if _, in := r.serves(ch); in {
			has[ch] = true
		}
	}
	return len(has) == want
}

// watchesCtx reports whether a goroutine literal waits for a context
// to be done: its starter interrupts its own blocking calls that way.
func (w *walker) watchesCtx(lit *ast.FuncLit) bool {
	found := false
	inspect(lit.Body, func(n ast.Node) bool {
		if sel, ok := n.(*ast.SelectStmt); ok {
			for _, c := range sel.Body.List {
				if u, ok := commOp(c.(*ast.CommClause).Comm).(*ast.UnaryExpr); ok && isContextDone(w.s.info, astutil.Unparen(u.X)) {
					found = true
				}
			}
		}
		return !found
	})
	return found
}

// async reports whether a goroutine literal sends its result on a
// channel its starter made and waits for in a select with a way out.
func (w *walker) async(lit *ast.FuncLit) bool {
	found := false
	inspect(lit.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.SendStmt:
			found = w.awaitedBy(lit, n.Chan)
		case *ast.CallExpr:
			// close(done): the starter waits for it to close.
			if b, ok := w.s.info.Uses[calleeIdent(n.Fun)].(*types.Builtin); ok && b.Name() == "close" && len(n.Args) == 1 {
				found = w.awaitedBy(lit, n.Args[0])
			}
		}
		return !found
	})
	return found
}

// awaitedBy reports whether ch is a channel made outside lit that its
// maker waits on in a select it can leave by another case.
func (w *walker) awaitedBy(lit *ast.FuncLit, ch ast.Expr) bool {
	v := localVar(w.s.info, ch)
	if v == nil {
		return false
	}
	m := w.ch.makes[v]
	return m != nil && m.abandoned != nil && !(lit.Pos() <= m.pos && m.pos < lit.End())
}

// condLoop marks the Cond.Wait calls of a loop whose condition checks a
// stop flag, for !quit && len(q) == 0 { c.Wait() }, in a declaration
// that also broadcasts: the cancellable Cond idiom, where the waiter's
// own side sets the flag and broadcasts when its context is done.
func (w *walker) condLoop(loop *ast.ForStmt) {
	if loop.Cond == nil || !w.broadcasts {
		return
	}
	guarded := false
	inspect(loop.Cond, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok && (isStopName(id.Name) || strings.Contains(strings.ToLower(id.Name), "closed")) {
			guarded = true
		}
		return !guarded
	})
	if !guarded {
		return
	}
	for _, st := range loop.Body.List {
		if es, ok := st.(*ast.ExprStmt); ok {
			if call, ok := astutil.Unparen(es.X).(*ast.CallExpr); ok {
				w.condGuarded[call] = true
			}
		}
	}
}

// stopGuard marks the receives in the body of if !t.Stop() { ... } or
// if !stop() { ... }: a timer that fired (its value is waiting) or an
// AfterFunc callback that has already started (and is about to close
// its channel). Waiting there is bounded by what has already happened.
func (w *walker) stopGuard(ifs *ast.IfStmt) {
	not, ok := astutil.Unparen(ifs.Cond).(*ast.UnaryExpr)
	if !ok || not.Op != token.NOT {
		return
	}
	call, ok := astutil.Unparen(not.X).(*ast.CallExpr)
	if !ok || len(call.Args) != 0 || !strings.EqualFold(chanName(call.Fun), "stop") {
		return
	}
	inspect(ifs.Body, func(n ast.Node) bool {
		if u, ok := n.(*ast.UnaryExpr); ok && u.Op == token.ARROW {
			w.skip[u] = true
		}
		_, lit := n.(*ast.FuncLit)
		return !lit
	})
}

// eventLoop records the case bodies of a for-select loop as regions:
// whatever blocks there stalls every other case.
func (w *walker) eventLoop(fi *funcInfo, loop *ast.ForStmt) {
	if fi.excluded || !w.s.cfg.enabled(EventLoop) {
		return
	}
	for _, stmt := range loop.Body.List {
		if l, ok := stmt.(*ast.LabeledStmt); ok {
			stmt = l.Stmt
		}
		sel, ok := stmt.(*ast.SelectStmt)
		if !ok || len(sel.Body.List) < 2 || hasDefault(sel) {
			// A select with a default waits for nothing: the loop
			// polls its cases between work it does anyway.
			continue
		}
		cases := &loopCases{count: map[string]int{}}
		for _, c := range sel.Body.List {
			ch := commChan(c.(*ast.CommClause).Comm)
			cases.chans = append(cases.chans, ch)
			if ch != "" {
				cases.count[ch]++
			}
		}
		for i, c := range sel.Body.List {
			body := c.(*ast.CommClause).Body
			if len(body) == 0 {
				continue
			}
			r := &region{kind: kindEventLoop, pos: sel.Pos(), start: body[0].Pos(), end: body[len(body)-1].End(), cases: cases, self: i}
			r.exits = w.exitPaths(c.(*ast.CommClause), loop)
			fi.regions = append(fi.regions, r)
		}
	}
}

// exitPaths finds the stretches of a case body that lead out of the
// loop: the statements of any block that ends in a return, a panic, an
// os.Exit or log.Fatal, or a labelled break. Blocking there stalls no
// other case, since the loop is over.
func (w *walker) exitPaths(cc *ast.CommClause, loop *ast.ForStmt) [][2]token.Pos {
	var exits [][2]token.Pos
	check := func(list []ast.Stmt) {
		if len(list) > 0 && w.isTerminal(list[len(list)-1], loop) {
			exits = append(exits, [2]token.Pos{list[0].Pos(), list[len(list)-1].End()})
		}
	}
	forEachStmtList(cc, false, check)
	return exits
}

// isTerminal reports whether st leaves the loop for good: a return, a
// panic, an exit, or a break or goto to a label outside the loop (not
// to the select, nor to a loop inside the case).
func (w *walker) isTerminal(st ast.Stmt, loop ast.Node) bool {
	switch st := st.(type) {
	case *ast.ReturnStmt:
		return true
	case *ast.BranchStmt:
		if st.Label == nil || (st.Tok != token.GOTO && st.Tok != token.BREAK) {
			return false
		}
		l, ok := w.s.info.Uses[st.Label].(*types.Label)
		if !ok {
			return false
		}
		if st.Tok == token.BREAK {
			// break L leaves the loop when L labels the loop or a
			// statement around it.
			return l.Pos() < loop.Pos()
		}
		return l.Pos() < loop.Pos() || l.Pos() >= loop.End()
	case *ast.ExprStmt:
		call, ok := astutil.Unparen(st.X).(*ast.CallExpr)
		if !ok {
			return false
		}
		if id, ok := astutil.Unparen(call.Fun).(*ast.Ident); ok && id.Name == "panic" {
			return true
		}
		if fn := staticCallee(w.s.info, call); fn != nil {
			switch fn.FullName() {
			case "os.Exit", "log.Fatal", "log.Fatalf", "log.Fatalln", "runtime.Goexit":
				return true
			}
		}
	}
	return false
}

// lockRegions records the statements run with a sync.Mutex or
// sync.RWMutex held, from Lock to the Unlock in the same block, or to
// the end of the block when the unlock is deferred or elsewhere.
func (w *walker) lockRegions(fi *funcInfo, list []ast.Stmt, end token.Pos) {
	if fi.excluded || !w.s.cfg.enabled(Sync) {
		return
	}
	for i, stmt := range list {
		recv, ok := w.lockCall(stmt, "(*sync.Mutex).Lock", "(*sync.RWMutex).Lock", "(*sync.RWMutex).RLock")
		if !ok {
			continue
		}
		r := &region{kind: kindLock, pos: stmt.Pos(), start: stmt.End(), end: end, lock: recv}
		// The lock is held until the first unlock that follows, in
		// this block or nested in a later statement (unlock, block,
		// lock again inside a loop). A deferred unlock keeps it to the
		// end of the block, unless an explicit unlock comes first.
	scan:
		for _, next := range list[i+1:] {
			found := token.NoPos
			inspect(next, func(n ast.Node) bool {
				switch n := n.(type) {
				case *ast.FuncLit, *ast.DeferStmt:
					return false
				case *ast.BlockStmt:
					// if hit { mu.Unlock(); <-wait; return v }: the lock
					// is dropped on a path that leaves; it is still held
					// after the block, but not after that unlock.
					if len(n.List) > 0 && w.isTerminal(n.List[len(n.List)-1], n) {
						for _, st := range n.List {
							if u, ok := w.lockCall(st, "(*sync.Mutex).Unlock", "(*sync.RWMutex).Unlock", "(*sync.RWMutex).RUnlock"); ok && u == recv {
								r.exits = append(r.exits, [2]token.Pos{st.Pos(), n.End()})
								break
							}
						}
						return false
					}
				case *ast.ExprStmt:
					if u, ok := w.lockCall(n, "(*sync.Mutex).Unlock", "(*sync.RWMutex).Unlock", "(*sync.RWMutex).RUnlock"); ok && u == recv && !found.IsValid() {
						found = n.Pos()
					}
				}
				return !found.IsValid()
			})
			if found.IsValid() {
				r.end = found
				break scan
			}
		}
		fi.regions = append(fi.regions, r)
	}
}

// lockCall reports whether stmt is a call to one of the named methods,
// and the receiver expression as written.
func (w *walker) lockCall(stmt ast.Stmt, names ...string) (string, bool) {
	es, ok := stmt.(*ast.ExprStmt)
	if !ok {
		return "", false
	}
	call, ok := astutil.Unparen(es.X).(*ast.CallExpr)
	if !ok {
		return "", false
	}
	sel, ok := astutil.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return "", false
	}
	fn := staticCallee(w.s.info, call)
	if fn == nil {
		return "", false
	}
	for _, n := range names {
		if fn.FullName() == n {
			return types.ExprString(sel.X), true
		}
	}
	return "", false
}

// assign notes comma-ok receives (the receiver handles a close), local
// function values, exec.Cmd and http.Request variables, and contexts.
func (w *walker) assign(fi *funcInfo, as *ast.AssignStmt) {
	if len(as.Lhs) == 2 && len(as.Rhs) == 1 {
		if u, ok := astutil.Unparen(as.Rhs[0]).(*ast.UnaryExpr); ok && u.Op == token.ARROW {
			w.skip[u] = true
		}
	}
	if len(as.Lhs) != len(as.Rhs) && !(len(as.Rhs) == 1) {
		return
	}
	if len(as.Lhs) == 1 && len(as.Rhs) == 1 && as.Tok == token.ASSIGN {
		// req.Cancel = ctx.Done(): the request's older cancellation
		// channel, which the transport honours as it does a context.
		if sel, ok := astutil.Unparen(as.Lhs[0]).(*ast.SelectorExpr); ok && sel.Sel.Name == "Cancel" && !isNil(w.s.info, as.Rhs[0]) {
			if v := localVar(w.s.info, sel.X); v != nil && isHTTPRequest(v.Type()) {
				w.reqCtx[v] = true
			}
		}
	}
	for i, lhs := range as.Lhs {
		var rhs ast.Expr
		if len(as.Rhs) == len(as.Lhs) {
			rhs = as.Rhs[i]
		} else if i == 0 {
			rhs = as.Rhs[0] // v, err := f()
		}
		w.define(fi, lhs, rhs)
	}
}

func (w *walker) valueSpec(fi *funcInfo, vs *ast.ValueSpec) {
	if len(vs.Names) == 2 && len(vs.Values) == 1 {
		if u, ok := astutil.Unparen(vs.Values[0]).(*ast.UnaryExpr); ok && u.Op == token.ARROW {
			w.skip[u] = true
		}
	}
	for i, name := range vs.Names {
		var rhs ast.Expr
		if i < len(vs.Values) {
			rhs = vs.Values[i]
		}
		w.define(fi, name, rhs)
	}
}

func (w *walker) define(fi *funcInfo, lhs, rhs ast.Expr) {
	v := localVar(w.s.info, lhs)
	if v == nil {
		return
	}
	// A context variable that holds context.Background() or TODO(), or
	// nothing yet, gives no context: nothing can cancel it.
	if isContext(v.Type()) && rhs != nil && !isBackground(w.s.info, rhs) {
		fi.hasCtx = true
		if fi.ctxVar == nil {
			fi.ctxVar, fi.ctxCall = v, false
		}
		if fi.localCtx == nil && !fi.takesCtx {
			fi.localCtx, fi.localCtxFrom = v, lhs.Pos()
		}
	}
	if rhs == nil {
		return
	}
	rhs = astutil.Unparen(rhs)
	if isContextDone(w.s.info, rhs) {
		w.doneVars[v] = true // done := ctx.Done(): waiting on it is waiting for cancellation
	}
	if u, ok := rhs.(*ast.UnaryExpr); ok && u.Op == token.ARROW {
		if _, isChan := under(v.Type()).(*types.Chan); isChan {
			// r := <-requests, where requests carries channels: r is
			// a requester's reply channel, and the requester waits on
			// it (or gave it room).
			w.replyVars[v] = true
		}
	}
	if lit, ok := rhs.(*ast.FuncLit); ok {
		w.varLit[v] = lit
	}
	if call, ok := rhs.(*ast.CallExpr); ok {
		if fn := staticCallee(w.s.info, call); fn != nil {
			switch fn.FullName() {
			case "os/exec.Command":
				w.cmdVar[v] = cmdUse{fi, call}
			case "net/http.NewRequest":
				w.reqVar[v] = call
			}
		}
	}
}

// cmdRun: a command built by exec.Command is run, so the Command call
// is where the context belongs.
func (w *walker) cmdRun(fi *funcInfo, run *ast.CallExpr) {
	sel, ok := astutil.Unparen(run.Fun).(*ast.SelectorExpr)
	if !ok {
		return
	}
	if c, ok := astutil.Unparen(sel.X).(*ast.CallExpr); ok {
		if fn := staticCallee(w.s.info, c); fn != nil && fn.FullName() == "os/exec.Command" {
			w.cmds = append(w.cmds, cmdUse{fi, c})
		}
	} else if v := localVar(w.s.info, sel.X); v != nil && w.cmdVar[v].call != nil {
		// Reported where the command is built (the place to change),
		// but it blocks the function that runs it: a command run by a
		// goroutine does not block the function that started it. A
		// goroutine that only Waits for a command started elsewhere
		// reaps the process, whose life is ended by killing it.
		if fi != w.cmdVar[v].fi && sel.Sel.Name == "Wait" {
			return
		}
		w.cmds = append(w.cmds, cmdUse{fi, w.cmdVar[v].call})
	} else if w.s.cfg.enabled(Exec) {
		if o := w.s.fieldCmdRun(run, sel); o != nil {
			fi.ops = append(fi.ops, o)
		}
	}
}

// reqSend: a request built by http.NewRequest is sent by Client.Do.
func (w *walker) reqSend(fi *funcInfo, do *ast.CallExpr) {
	if len(do.Args) != 1 {
		return
	}
	arg := astutil.Unparen(do.Args[0])
	if c, ok := arg.(*ast.CallExpr); ok {
		if fn := staticCallee(w.s.info, c); fn != nil && fn.FullName() == "net/http.NewRequest" {
			w.reqs = append(w.reqs, reqUse{fi, c, nil})
		}
		return
	}
	if v := localVar(w.s.info, arg); v != nil && w.reqVar[v] != nil {
		w.reqs = append(w.reqs, reqUse{fi, w.reqVar[v], v})
	}
}

// rangeStmt: ranging over a ticker's channel never ends.
func (w *walker) rangeStmt(fi *funcInfo, rs *ast.RangeStmt) {
	if !w.s.cfg.enabled(Sleep) || !isTimeChan(w.s.info.TypeOf(rs.X)) {
		return
	}
	fi.ops = append(fi.ops, &op{pos: rs.Pos(), node: rs, family: Sleep,
		what: "range over " + types.ExprString(rs.X), alt: altTicker})
}

// send judges a channel send outside a select.
func (w *walker) send(fi *funcInfo, s *ast.SendStmt) {
	if !w.s.cfg.enabled(ChanAudit) {
		return
	}
	name := types.ExprString(s.Chan)
	v := localVar(w.s.info, s.Chan)
	if v != nil && w.replyVars[v] {
		return // a reply to a request that is waiting for it
	}
	if v != nil && w.ch.makes[v] != nil {
		return // a channel it made: judged by its witness (witness.go)
	}
	if w.s.semaphore(s.Chan) {
		// A deferred give-back counts for the function around it too.
		for f := fi; f != nil; f = f.parent {
			f.semSends[name] = true
		}
	}
	if w.s.bufferedField(s.Chan) {
		return // a response channel or a semaphore: the send has room
	}
	if w.s.cpuDrained(w.s.chanField(s.Chan)) {
		return // a mailbox: its loops only catch up with in-memory work
	}
	if w.ch.ownFields[name] || w.ch.ownBuffered[name] {
		return // made by this function: its own protocol
	}
	if isStopCommand(chanName(s.Chan)) && isSignalChan(w.s.info.TypeOf(s.Chan)) && !w.s.buffered(s.Chan) {
		if !isSignalValue(w.s.info, s.Value) {
			return // a result that the receiver waits for, not an order to stop
		}
		if w.replies(s) {
			return // the loop's answer to the stopper, who waits for it
		}
		fi.ops = append(fi.ops, &op{pos: s.Pos(), node: s, family: ChanAudit, what: "send on " + name, alt: altStopSignal,
			msg: "send on stop channel " + name + " blocks forever once the loop has exited: " + altStopSignal})
		return
	}
	fi.ops = append(fi.ops, &op{pos: s.Pos(), node: s, family: ChanAudit, what: "send on " + name, alt: altChan, needsCtx: true, chanVar: v})
}

// recv judges a channel receive outside a select and not comma-ok.
func (w *walker) recv(fi *funcInfo, u *ast.UnaryExpr) {
	info := w.s.info
	x := astutil.Unparen(u.X)
	if v := localVar(info, x); isContextDone(info, x) || (v != nil && w.doneVars[v]) {
		return // waiting for cancellation is what a context is for
	}
	if isTimeChan(info.TypeOf(x)) {
		if !w.s.cfg.enabled(Sleep) {
			return
		}
		what := "receive from timer channel " + types.ExprString(x)
		if c, ok := x.(*ast.CallExpr); ok {
			if fn := staticCallee(info, c); fn != nil && fn.FullName() == "time.After" {
				what = "<-time.After"
			}
		}
		fi.ops = append(fi.ops, &op{pos: u.Pos(), node: u, family: Sleep, what: what, alt: altSleep})
		return
	}
	if !w.s.cfg.enabled(ChanAudit) {
		return
	}
	if v := localVar(info, x); (v != nil && w.ch.makes[v] != nil) || w.ch.ownFields[types.ExprString(x)] {
		return // the function's own goroutines are on the other side
	}
	if w.s.releases[u] {
		return // giving back a token taken before the work was handed over
	}
	countWork(len(w.nonEmpty))
	for _, g := range w.nonEmpty {
		if g.ch == types.ExprString(x) && g.start <= u.Pos() && u.End() <= g.end {
			return // len(ch) > 0 said a value is there
		}
	}
	if w.s.semaphore(x) {
		fi.semRecvs[types.ExprString(x)] = true
		if fi.deferred || isReleaseName(fi.name) {
			return // giving back a token taken before: it has room
		}
	}
	o := &op{pos: u.Pos(), node: u, family: ChanAudit, what: "receive from " + types.ExprString(x), alt: altChan, needsCtx: true}
	if w.s.semaphore(x) {
		o.semExpr = types.ExprString(x)
	}
	fi.ops = append(fi.ops, o)
}

// displayName is the name of a declaration, or "the func literal in
// F" for literals.
func (fi *funcInfo) displayName() string {
	if fi.lit != nil {
		return "the " + fi.name
	}
	return fi.name
}

// isBackground reports whether e is context.Background() or
// context.TODO(), or nil: a context that is never done, so nothing is
// at hand to honour.
func isBackground(info *types.Info, e ast.Expr) bool {
	e = astutil.Unparen(e)
	if id, ok := e.(*ast.Ident); ok && info.Uses[id] == types.Universe.Lookup("nil") {
		return true
	}
	call, ok := e.(*ast.CallExpr)
	if !ok {
		return false
	}
	fn := staticCallee(info, call)
	return fn != nil && (fn.FullName() == "context.Background" || fn.FullName() == "context.TODO")
}
