package analyzer

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/cfg"
)

// A channel operation is a finding when its other side can be shown to
// leave while it waits: a path, in the other side's own code, from
// where the two sides part to a return that passes no operation that
// would answer. That path is the witness, and the finding names it.
// Where the model cannot see the other side (chanmodel.go), there is
// no witness and no finding.

// witnesses judges the channels the declaration fi and its literals
// make.
func (s *state) witnesses(fi *funcInfo) {
	models := s.chanModels(fi)
	for _, wc := range models {
		wc.peers = models
	}
	for _, wc := range models {
		if wc.opaque || wc.stmt == nil {
			continue
		}
		if hand := wc.handedOver(); hand != nil {
			s.pendingReplies = append(s.pendingReplies, pendingReply{wc, hand})
			continue
		}
		if len(wc.sides) == 0 {
			continue
		}
		if !s.abandonedSend(wc) && !s.unclosedRecv(wc) {
			s.missingSend(wc)
		}
	}
}

// flow is the control flow of one function body with the channel's
// operations placed on its blocks.
type flow struct {
	s      *state
	g      *cfg.CFG
	body   *ast.BlockStmt
	events map[*cfg.Block][]event
	// selects maps each select case to its select.
	selects map[*ast.CommClause]*ast.SelectStmt
}

// event is an operation in a block: at node index idx, or at the start
// of the block (-1) for a select case or a range's head.
type event struct {
	idx int
	u   *wuse
}

// newFlow builds the control flow of body and places the operations
// of uses on it. Deferred operations are not on it: they run at every
// return.
func (s *state) newFlow(body *ast.BlockStmt, uses []*wuse) *flow {
	f := &flow{s: s, g: cfg.New(body, s.mayReturn), body: body, events: map[*cfg.Block][]event{}, selects: map[*ast.CommClause]*ast.SelectStmt{}}
	inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.SelectStmt:
			for _, c := range n.Body.List {
				f.selects[c.(*ast.CommClause)] = n
			}
		}
		return true
	})
	// A loop that receives, left by its condition or a break, has
	// taken what it counts: the loop's end stands for its receives.
	for _, u := range uses {
		if (u.kind == uRecv || u.kind == uRange) && u.loop != nil && !u.defers {
			for _, b := range f.g.Blocks {
				if (b.Kind == cfg.KindForDone || b.Kind == cfg.KindRangeDone) && b.Stmt == u.loop {
					f.events[b] = append(f.events[b], event{-1, &wuse{kind: uRecv, node: u.loop, loop: u.loop}})
				}
			}
		}
	}
	for _, u := range uses {
		if u.defers {
			continue
		}
		for _, b := range f.g.Blocks {
			if !b.Live {
				continue
			}
			if u.at != nil {
				if i := nodeIndex(b, u.at.Pos()); i >= 0 {
					f.events[b] = append(f.events[b], event{i, u})
				}
				continue
			}
			if u.clause != nil || u.kind == uRange {
				if (u.clause != nil && b.Kind == cfg.KindSelectCaseBody && b.Stmt == u.clause) ||
					(u.clause == nil && b.Kind == cfg.KindRangeLoop && b.Stmt == u.node) {
					f.events[b] = append(f.events[b], event{-1, u})
				}
				continue
			}
			if i := nodeIndex(b, u.node.Pos()); i >= 0 {
				f.events[b] = append(f.events[b], event{i, u})
			}
		}
	}
	return f
}

// nodeIndex is the index of the node of b that holds pos, or -1.
func nodeIndex(b *cfg.Block, pos token.Pos) int {
	for i, n := range b.Nodes {
		if n.Pos() <= pos && pos < n.End() {
			return i
		}
	}
	return -1
}

// mayReturn reports whether a call can return: panic, os.Exit,
// log.Fatal, runtime.Goexit and zap's Panic and Fatal do not, nor does
// the package's own code that ends in one of them (neverReturns). A path that ends in one of them
// leaves nothing waiting that matters.
func (s *state) mayReturn(call *ast.CallExpr) bool {
	if b, ok := s.info.Uses[calleeIdent(call.Fun)].(*types.Builtin); ok && b.Name() == "panic" {
		return false
	}
	fn := staticCallee(s.info, call)
	if fn == nil {
		return !s.neverReturns(call) // a function value: perhaps a field of the package's
	}
	switch fn.FullName() {
	case "os.Exit", "runtime.Goexit", "log.Fatal", "log.Fatalf", "log.Fatalln", "log.Panic", "log.Panicf", "log.Panicln",
		"(*log.Logger).Fatal", "(*log.Logger).Fatalf", "(*log.Logger).Fatalln", "(*testing.common).Fatal",
		"(*testing.common).Fatalf", "(*testing.common).FailNow", "(*testing.common).Skip", "(*testing.common).Skipf", "(*testing.common).SkipNow",
		"github.com/sirupsen/logrus.Fatal", "github.com/sirupsen/logrus.Fatalf", "github.com/sirupsen/logrus.Fatalln",
		"(*github.com/sirupsen/logrus.Logger).Fatal", "(*github.com/sirupsen/logrus.Logger).Fatalf", "(*github.com/sirupsen/logrus.Logger).Fatalln",
		"(*github.com/sirupsen/logrus.Entry).Fatal", "(*github.com/sirupsen/logrus.Entry).Fatalf", "(*github.com/sirupsen/logrus.Entry).Fatalln",
		"k8s.io/klog/v2.Fatal", "k8s.io/klog/v2.Fatalf", "k8s.io/klog/v2.Fatalln", "k8s.io/klog/v2.Exit", "k8s.io/klog/v2.Exitf":
		return false
	case "(*github.com/rs/zerolog.Event).Msg", "(*github.com/rs/zerolog.Event).Msgf", "(*github.com/rs/zerolog.Event).Send", "(*github.com/rs/zerolog.Event).MsgFunc":
		// log.Fatal().Err(err).Msg("..."): the event a Fatal or Panic
		// level started exits when it is written.
		return !s.zerologFatal(call)
	case "(*go.uber.org/zap.Logger).Panic", "(*go.uber.org/zap.Logger).Fatal",
		"(*go.uber.org/zap.SugaredLogger).Panic", "(*go.uber.org/zap.SugaredLogger).Panicf",
		"(*go.uber.org/zap.SugaredLogger).Panicw", "(*go.uber.org/zap.SugaredLogger).Panicln",
		"(*go.uber.org/zap.SugaredLogger).Fatal", "(*go.uber.org/zap.SugaredLogger).Fatalf",
		"(*go.uber.org/zap.SugaredLogger).Fatalw", "(*go.uber.org/zap.SugaredLogger).Fatalln":
		return false
	}
	return !s.neverReturns(call)
}

// zerologFatal reports whether the event a zerolog write call writes
// was started by Fatal or Panic, down its chain of calls.
func (s *state) zerologFatal(call *ast.CallExpr) bool {
	for {
		sel, ok := astutil.Unparen(call.Fun).(*ast.SelectorExpr)
		if !ok {
			return false
		}
		inner, ok := astutil.Unparen(sel.X).(*ast.CallExpr)
		if !ok {
			return false
		}
		if fn := staticCallee(s.info, inner); fn != nil {
			switch fn.FullName() {
			case "github.com/rs/zerolog/log.Fatal", "github.com/rs/zerolog/log.Panic",
				"(*github.com/rs/zerolog.Logger).Fatal", "(*github.com/rs/zerolog.Logger).Panic":
				return true
			}
		}
		call = inner
	}
}

// exitOf is where a block leaves the function: its return statement,
// or the closing brace of a body that ends without one. ok is false
// for a block that does not leave (it has successors, or it ends in a
// call that does not return).
func (f *flow) exitOf(b *cfg.Block) (token.Pos, bool) {
	if !b.Live || len(b.Succs) > 0 {
		return token.NoPos, false
	}
	if r := b.Return(); r != nil {
		return r.Pos(), true
	}
	if b.Kind == cfg.KindSelectAfterCase {
		return token.NoPos, false // after the last case of a select that has no default: never reached
	}
	if len(b.Nodes) > 0 {
		if es, ok := b.Nodes[len(b.Nodes)-1].(*ast.ExprStmt); ok {
			if call, ok := es.X.(*ast.CallExpr); ok && !f.s.mayReturn(call) {
				return token.NoPos, false // a panic, an exit
			}
		}
		if br, ok := b.Nodes[len(b.Nodes)-1].(*ast.BranchStmt); ok && br.Tok == token.GOTO {
			return token.NoPos, false
		}
	}
	return f.body.Rbrace, true
}

// reach looks for a path from node index after of start (-1: the
// whole block) to a return of the function that meets no operation
// stop accepts, and whose exit, if accept is set, it accepts. It
// returns the exit and the blocks of the path, in order.
func (f *flow) reach(start *cfg.Block, after int, stop func(*wuse) bool, accept func(token.Pos) bool) (token.Pos, []*cfg.Block, bool) {
	cut := func(b *cfg.Block, from int) bool {
		for _, e := range f.events[b] {
			if e.idx > from || (e.idx == -1 && from == -2) {
				if stop(e.u) {
					return true
				}
			}
		}
		return false
	}
	parent := map[*cfg.Block]*cfg.Block{start: nil}
	queue := []*cfg.Block{start}
	if cut(start, after) {
		return token.NoPos, nil, false
	}
	for len(queue) > 0 {
		b := queue[0]
		queue = queue[1:]
		if pos, ok := f.exitOf(b); ok && (accept == nil || accept(pos)) {
			var path []*cfg.Block
			for x := b; x != nil; x = parent[x] {
				path = append([]*cfg.Block{x}, path...)
			}
			return pos, path, true
		}
		for _, next := range b.Succs {
			if _, seen := parent[next]; seen {
				continue
			}
			if b.Kind == cfg.KindRangeLoop && next.Kind == cfg.KindRangeDone && neverCloses(f.s.info, next.Stmt) {
				continue // range over a ticker: it ends only by a break
			}
			parent[next] = b
			if cut(next, -2) {
				continue
			}
			queue = append(queue, next)
		}
	}
	return token.NoPos, nil, false
}

// neverCloses reports whether a range statement ranges over a
// channel the time package owns (a Ticker's or Timer's C, time.Tick):
// nothing closes it, so the range ends only by a break or a return.
func neverCloses(info *types.Info, st ast.Stmt) bool {
	rs, ok := st.(*ast.RangeStmt)
	if !ok {
		return false
	}
	switch x := astutil.Unparen(rs.X).(type) {
	case *ast.SelectorExpr:
		if sel := info.Selections[x]; sel != nil && sel.Kind() == types.FieldVal && x.Sel.Name == "C" {
			if f, ok := sel.Obj().(*types.Var); ok && f.Pkg() != nil && f.Pkg().Path() == "time" {
				return true
			}
		}
	case *ast.CallExpr:
		if fn := staticCallee(info, x); fn != nil && fn.FullName() == "time.Tick" {
			return true
		}
	}
	return false
}

// at is the block and node index of the statement that holds pos.
func (f *flow) at(pos token.Pos) (*cfg.Block, int) {
	var best *cfg.Block
	idx, span := -1, token.Pos(1<<30)
	for _, b := range f.g.Blocks {
		if !b.Live {
			continue
		}
		for i, n := range b.Nodes {
			if n.Pos() <= pos && pos < n.End() && n.End()-n.Pos() < span {
				best, idx, span = b, i, n.End()-n.Pos()
			}
		}
	}
	return best, idx
}

// leftBy is the select case a path takes instead of the channel's: the
// other way out the owner's wait had, or nil.
func (f *flow) leftBy(path []*cfg.Block, on func(op ast.Node) bool) *ast.CommClause {
	for _, b := range path {
		cc, ok := b.Stmt.(*ast.CommClause)
		if b.Kind != cfg.KindSelectCaseBody || !ok {
			continue
		}
		sel := f.selects[cc]
		if sel == nil {
			continue
		}
		for _, c := range sel.Body.List {
			if op := commOp(c.(*ast.CommClause).Comm); op != nil && c != cc && on(op) {
				return cc
			}
		}
	}
	return nil
}

// usesVar reports whether a channel operation is on v.
func usesVar(info *types.Info, op ast.Node, v *types.Var) bool {
	switch op := op.(type) {
	case *ast.SendStmt:
		return identVar(info, op.Chan) == v
	case *ast.UnaryExpr:
		return identVar(info, op.X) == v
	}
	return false
}

// commText is a select case as the message names it: "<-ctx.Done()".
func commText(cc *ast.CommClause) string {
	switch op := commOp(cc.Comm).(type) {
	case *ast.SendStmt:
		return types.ExprString(op.Chan) + " <- " + types.ExprString(op.Value)
	case *ast.UnaryExpr:
		return "<-" + types.ExprString(op.X)
	}
	return "default"
}

const unbounded = 1 << 30

// maxSends is the most sends on the channel one run of a side makes,
// or unbounded when one is in a loop.
func (s *state) maxSends(side *wside) int {
	if !side.counted {
		side.sends, side.counted = s.countSends(side), true
	}
	return side.sends
}

// countSends is maxSends, counted on the side's control flow.
func (s *state) countSends(side *wside) int {
	if side.ext != nil {
		if side.ext.Sends < 0 {
			return unbounded
		}
		return side.ext.Sends
	}
	n := 0
	for _, u := range side.uses {
		if u.kind == uSend && !u.never {
			n++
			if u.at != nil && u.loop != nil && !(side.body.Pos() <= u.loop.Pos() && u.loop.Pos() < side.body.End()) {
				return unbounded // in a loop of the function it is passed to
			}
		}
	}
	if n == 0 {
		return 0
	}
	// Sends on exclusive branches count once, and a send followed by
	// a return runs once even in a loop: the most sends on one path
	// count, unbounded when a cycle goes through a send.
	f := s.newFlow(side.body, side.uses)
	val := map[*cfg.Block]int{}
	for range len(f.g.Blocks) + 2 {
		changed := false
		for _, b := range f.g.Blocks {
			best := 0
			for _, next := range b.Succs {
				best = max(best, val[next])
			}
			for _, e := range f.events[b] {
				if e.u.kind == uSend && !e.u.never {
					best++
				}
			}
			if best > n {
				return unbounded
			}
			if best != val[b] {
				val[b], changed = best, true
			}
		}
		if !changed {
			return val[f.g.Blocks[0]]
		}
	}
	return unbounded
}

// exclusiveCases places on f, as receives from wc, the select cases
// that receive from another channel the same function makes, when one
// goroutine is the only sender on both and can send nothing on wc once
// it has sent on the other (a result or an error; a value, then maybe
// an error): the owner that took the other value has everything that
// goroutine sends on wc.
func (s *state) exclusiveCases(f *flow, wc *wchan) {
	if len(wc.sides) != 1 || wc.sides[0].many || wc.sides[0].ext != nil {
		return
	}
	side := wc.sides[0]
	for _, peer := range wc.peers {
		if peer == wc || peer.opaque || len(peer.sides) != 1 || peer.sides[0].body != side.body || peer.sides[0].many {
			continue
		}
		if !s.sendsBefore(side, peer.sides[0]) {
			continue
		}
		for _, b := range f.g.Blocks {
			cc, ok := b.Stmt.(*ast.CommClause)
			if b.Kind == cfg.KindSelectCaseBody && ok && usesVar(s.info, commOp(cc.Comm), peer.v) {
				f.events[b] = append(f.events[b], event{-1, &wuse{kind: uRecv, node: cc, clause: cc}})
			}
		}
	}
}

// sendsBefore reports whether, in one goroutine's code, no send of
// side can follow a send of other, and the goroutine only sends on
// both (no receive, no call that sends for it).
func (s *state) sendsBefore(side, other *wside) bool {
	var uses []*wuse
	for _, u := range append(slices.Clip(side.uses), other.uses...) {
		if u.kind == uRecv || u.kind == uRange || u.at != nil && u.at != u.node || u.defers {
			return false
		}
		if u.kind == uSend && !u.never {
			uses = append(uses, u)
		}
	}
	f := s.newFlow(side.body, uses)
	mine := func(u *wuse) bool { return slices.Contains(side.uses, u) }
	for _, u := range other.uses {
		if u.kind != uSend || u.never {
			continue
		}
		b, idx := f.at(u.node.Pos())
		if b == nil {
			return false
		}
		seen := map[*cfg.Block]bool{}
		queue := []*cfg.Block{b}
		for len(queue) > 0 {
			x := queue[0]
			queue = queue[1:]
			for _, e := range f.events[x] {
				if mine(e.u) && (x != b || e.idx > idx || seen[x]) {
					return false
				}
			}
			for _, next := range x.Succs {
				if next == b && !seen[b] {
					seen[b] = true
					queue = append(queue, b)
				}
				if !seen[next] {
					seen[next] = true
					queue = append(queue, next)
				}
			}
		}
	}
	return true
}

// abandonedSend: goroutines send on the channel, the owner receives,
// and the owner can return without receiving every value while the
// buffer has no room for them all. The send blocks forever.
func (s *state) abandonedSend(wc *wchan) bool {
	var senders []*wside
	var stuck *wuse
	total := 0
	for _, side := range wc.sides {
		sends := 0
		for _, u := range side.uses {
			switch u.kind {
			case uSend:
				sends++
				if u.bare() && (stuck == nil || u.node.Pos() < stuck.node.Pos()) {
					stuck = u
				}
			case uRecv, uRange:
				return false // the goroutine also receives: a conversation
			}
		}
		if sends == 0 {
			continue
		}
		senders = append(senders, side)
		n := s.maxSends(side)
		if side.many {
			n = unbounded
		}
		total = min(total+n, unbounded)
	}
	receives := false
	for _, u := range wc.own {
		switch u.kind {
		case uSend:
			return false // the owner sends too: a protocol the model does not follow
		case uRecv, uRange:
			if u.defers {
				return false // drained on the way out
			}
			receives = true
		case uClose:
			if u.defers {
				return false // closed on the way out: a late send panics, it does not wait
			}
		}
	}
	if stuck == nil || !receives || wc.cap < 0 || int64(total) <= wc.cap {
		return false
	}
	if wc.cap > 0 && total == unbounded {
		return false // how many sends outrun the buffer is not known
	}
	f := s.newFlow(wc.body, wc.own)
	first := senders[0]
	for _, side := range senders {
		if side.spawn < first.spawn {
			first = side
		}
	}
	start, idx := f.at(first.spawn)
	if start == nil {
		return false
	}
	s.exclusiveCases(f, wc)
	s.waitGatedCases(f, wc)
	isRecv := func(u *wuse) bool { return u.kind == uRecv || u.kind == uRange }
	exit, path, ok := f.reach(start, idx, isRecv, nil)
	all := total // every send, on any path: what a buffer must take
	if ok && wc.cap > 0 {
		// Only the goroutines started on the way to that return
		// send: those started after it never ran.
		total = 0
		for _, side := range senders {
			if b, _ := f.at(side.spawn); b != nil && slices.Contains(path, b) {
				total = min(total+max(s.maxSends(side), 1)*manyOf(side), unbounded)
			}
		}
		if int64(total) <= wc.cap {
			return false
		}
	}
	owner := wc.owner.displayName()
	name := wc.v.Name()
	var related []analysis.RelatedInformation
	var when string
	if ok {
		if cc := f.leftBy(path, func(op ast.Node) bool { return usesVar(s.info, op, wc.v) }); cc != nil {
			when = fmt.Sprintf("once %s takes the %s case (%s) and returns", owner, commText(cc), s.where(cc.Pos()))
			related = append(related, analysis.RelatedInformation{Pos: cc.Pos(), Message: owner + " stops waiting for " + name + " here"})
		} else {
			when = fmt.Sprintf("once %s returns (%s) without receiving from it", owner, s.where(exit))
		}
		related = append(related, analysis.RelatedInformation{Pos: exit, Message: owner + " returns here without receiving from " + name})
	} else {
		// Several senders, each sending a bounded number of values: a
		// return inside the receiving loop leaves the rest waiting.
		if total < 2 || (wc.cap > 0 && total == unbounded) {
			return false
		}
		for _, side := range senders {
			if s.maxSends(side) == unbounded {
				return false
			}
		}
		for _, u := range wc.own {
			if u.kind != uRecv || u.loop == nil {
				continue
			}
			var b *cfg.Block
			from := -1
			if u.clause != nil {
				for _, x := range f.g.Blocks {
					if x.Kind == cfg.KindSelectCaseBody && x.Stmt == u.clause {
						b = x
					}
				}
			} else {
				b, from = f.at(u.node.Pos())
			}
			if b == nil {
				continue
			}
			loop := u.loop
			// The return must be inside the loop and decided by what
			// was received (if err := <-errs; err != nil): a return
			// once a count of replies is complete has heard from
			// every sender.
			vars := s.receivedVars(wc.body, u)
			early := func(pos token.Pos) bool {
				return loop.Pos() <= pos && pos < loop.End() && s.returnDecidedBy(wc.body, pos, vars)
			}
			if exit, _, ok = f.reach(b, from, isRecv, early); ok {
				when = fmt.Sprintf("once %s returns (%s) before receiving from every sender", owner, s.where(exit))
				related = append(related, analysis.RelatedInformation{Pos: exit, Message: owner + " returns here and leaves the other senders waiting"})
				break
			}
		}
		if !ok {
			// One receive, outside any loop, and more senders than it
			// and the buffer take: once the owner has its value and
			// returns, the others wait forever (the first of two
			// racing goroutines wins, the second is stranded).
			recv := s.singleRecv(wc)
			if recv == nil || int64(total) <= wc.cap+1 {
				return false
			}
			ok = true
			when = fmt.Sprintf("once %s has received one value (%s) and returns, while %s", owner, s.where(recv.node.Pos()), sendersText(senders))
			related = append(related, analysis.RelatedInformation{Pos: recv.node.Pos(), Message: owner + " receives one value here and no more"})
		}
	}
	related = append(related, s.madeAt(wc))
	alt := fmt.Sprintf("give %s a buffer for every send, as in make(%s, %d)", name, s.typeText(wc.v.Type(), wc.make.Pos()), all)
	if all == unbounded {
		alt = "send in a select that also waits for a done channel or ctx.Done()"
	}
	var written string
	if send, ok := stuck.node.(*ast.SendStmt); ok {
		written = types.ExprString(send.Chan)
	} else {
		written = name + " in " + stuck.side.extName // a function of another package
	}
	o := &op{pos: stuck.node.Pos(), node: stuck.node, family: Chan, what: "send on " + written, alt: alt, inert: true, related: related,
		msg: fmt.Sprintf("send on %s blocks forever %s: %s", written, when, alt)}
	if wc.cap >= 0 && all < unbounded && !hasMany(senders) {
		o.grow, o.growTo = wc.make, all // a constant buffer grows to take every send
	}
	h := stuck.holder(wc)
	h.ops = append(h.ops, o)
	return true
}

// singleRecv is the owner's one receive from wc, when it has exactly
// one and that one is in no loop; nil otherwise.
func (s *state) singleRecv(wc *wchan) *wuse {
	var recv *wuse
	for _, u := range wc.own {
		switch u.kind {
		case uRange:
			return nil
		case uRecv:
			if recv != nil || u.loop != nil {
				return nil
			}
			recv = u
		}
	}
	return recv
}

// sendersText says how many goroutines may send: "several goroutines
// send on it", or "goroutines started in a loop send on it".
func sendersText(senders []*wside) string {
	if hasMany(senders) {
		return "goroutines started in a loop send on it"
	}
	return "several goroutines send on it"
}

// typeText writes t for a message about code at pos: packages as the
// file imports them, and by their own names where it does not.
func (s *state) typeText(t types.Type, pos token.Pos) string {
	file := s.fileOf(pos)
	if file == nil {
		return types.TypeString(t, types.RelativeTo(s.pass.Pkg))
	}
	names := s.importNames(file)
	return types.TypeString(t, func(p *types.Package) string {
		if p == s.pass.Pkg {
			return ""
		}
		if n, ok := names[p.Path()]; ok && n != "_" && n != "." {
			return n
		}
		return p.Name()
	})
}

// madeAt is the related position of the make.
func (s *state) madeAt(wc *wchan) analysis.RelatedInformation {
	what := "with no buffer"
	switch {
	case wc.cap < 0:
		what = "with a buffer of " + types.ExprString(wc.make.Args[1])
	case wc.cap > 0:
		what = fmt.Sprintf("with a buffer of %d", wc.cap)
	}
	return analysis.RelatedInformation{Pos: wc.make.Pos(), Message: wc.v.Name() + " is made here " + what}
}

// unclosedRecv: a goroutine waits on the channel, ranging over it or
// receiving once, and only the owner sends or closes; the owner can
// return without closing it (or, for a single receive, without sending
// either). Nobody else holds the channel, so the goroutine waits
// forever.
func (s *state) unclosedRecv(wc *wchan) bool {
	for _, u := range wc.own {
		if u.kind == uRecv || u.kind == uRange || (u.kind == uClose && u.defers) {
			return false
		}
	}
	var stuck *wuse
	for _, side := range wc.sides {
		for _, u := range side.uses {
			switch u.kind {
			case uSend, uClose:
				return false // another goroutine answers
			case uRange:
				if stuck == nil && (side.ext != nil || !leavesRange(u.node.(*ast.RangeStmt))) {
					stuck = u
				}
			case uRecv:
				if stuck == nil && u.bare() && u.loop == nil {
					stuck = u
				}
			}
		}
	}
	if stuck == nil {
		return false
	}
	f := s.newFlow(wc.body, wc.own)
	start, idx := f.at(stuck.side.spawn)
	if start == nil {
		return false
	}
	answers := func(u *wuse) bool { return u.kind == uClose || (u.kind == uSend && stuck.kind == uRecv) }
	exit, _, ok := f.reach(start, idx, answers, nil)
	if !ok {
		return false
	}
	owner, name := wc.owner.displayName(), wc.v.Name()
	subject := name
	if stuck.side.ext != nil {
		subject = name + " in " + stuck.side.extName
	}
	related := []analysis.RelatedInformation{
		{Pos: exit, Message: owner + " returns here without closing " + name},
		s.madeAt(wc),
	}
	var o *op
	if stuck.kind == uRange {
		alt := "close " + name + " on every path, as in defer close(" + name + ")"
		o = &op{pos: stuck.node.Pos(), node: stuck.node, family: Chan, what: "range over " + subject, alt: alt, inert: true, related: related,
			msg: fmt.Sprintf("range over %s never ends once %s returns (%s) without closing it: %s", subject, owner, s.where(exit), alt)}
		s.deferClose(wc, o)
	} else {
		alt := "send on or close " + name + " on every path of " + owner
		o = &op{pos: stuck.node.Pos(), node: stuck.node, family: Chan, what: "receive from " + subject, alt: alt, inert: true, related: related,
			msg: fmt.Sprintf("receive from %s blocks forever once %s returns (%s) without sending on it or closing it: %s", subject, owner, s.where(exit), alt)}
	}
	h := stuck.holder(wc)
	h.ops = append(h.ops, o)
	return true
}

// leavesRange reports whether a range body can leave the loop before
// the channel is closed: a return, a goto, or a break of this loop.
func leavesRange(rs *ast.RangeStmt) bool {
	leaves := false
	depth := 0 // breakable statements inside the range
	var walk func(n ast.Node) bool
	walk = func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			leaves = true
		case *ast.BranchStmt:
			if n.Tok == token.GOTO || (n.Label != nil && n.Tok == token.BREAK) || (n.Label == nil && n.Tok == token.BREAK && depth == 0) {
				leaves = true
			}
		case *ast.ForStmt, *ast.RangeStmt, *ast.SwitchStmt, *ast.TypeSwitchStmt, *ast.SelectStmt:
			depth++
			ast.Inspect(n, func(m ast.Node) bool {
				if m == n {
					return true
				}
				return walk(m)
			})
			depth--
			return false
		}
		return !leaves
	}
	ast.Inspect(rs.Body, func(n ast.Node) bool {
		if n == rs.Body {
			return true
		}
		return walk(n)
	})
	return leaves
}

// missingSend: the owner waits on the channel outside any select (a
// receive, or a range until close), and only its goroutines send or
// close; one of them can return without sending (or, for a range,
// without closing). The owner waits forever.
func (s *state) missingSend(wc *wchan) bool {
	var stuck *wuse
	for _, u := range wc.own {
		switch u.kind {
		case uSend, uClose:
			return false
		case uRecv:
			if u.bare() && !u.defers && stuck == nil {
				stuck = u
			}
		case uRange:
			if !u.defers && stuck == nil && !leavesRange(u.node.(*ast.RangeStmt)) {
				stuck = u
			}
		}
	}
	if stuck == nil {
		return false
	}
	var answering []*wside
	for _, side := range wc.sides {
		answers := false
		for _, u := range side.uses {
			switch u.kind {
			case uRecv, uRange:
				return false // another goroutine takes values too
			case uClose:
				if u.defers {
					return false // closed on every path of a goroutine
				}
				answers = true
			case uSend:
				answers = answers || stuck.kind == uRecv
			}
		}
		if answers {
			answering = append(answering, side)
		}
	}
	if len(answering) == 0 {
		return false
	}
	if stuck.kind == uRecv {
		// One receive waits for one sender; a receive in a loop counts
		// the values of senders started in a loop.
		if len(answering) != 1 || answering[0].many != (stuck.loop != nil) {
			return false
		}
		if s.maxSends(answering[0]) == unbounded {
			return false
		}
	} else if len(answering) != 1 || answering[0].many {
		return false // several closers: which one closes is not followed
	}
	side := answering[0]
	owner, name := wc.owner.displayName(), wc.v.Name()
	gor := "the goroutine started at " + s.where(side.spawn)
	var exitAt string
	var related []analysis.RelatedInformation
	if side.ext != nil {
		if side.ext.Skips == "" || (side.ext.Sends == 0 && stuck.kind == uRecv && !hasKind(side.uses, uClose)) {
			return false
		}
		exitAt, gor = side.ext.Skips, side.extName+" started at "+s.where(side.spawn)
	} else {
		f := s.newFlow(side.body, side.uses)
		answers := func(u *wuse) bool { return u.kind == uClose || (u.kind == uSend && stuck.kind == uRecv) }
		exit, _, ok := f.reach(f.g.Blocks[0], -1, answers, nil)
		if !ok {
			return false
		}
		exitAt = s.where(exit)
		related = append(related, analysis.RelatedInformation{Pos: exit, Message: side.fi.displayName() + " returns here without sending on " + name})
	}
	related = append(related, analysis.RelatedInformation{Pos: side.spawn, Message: "the goroutine is started here"}, s.madeAt(wc))
	var o *op
	if stuck.kind == uRange {
		alt := "close " + name + " on every path of the goroutine, as in defer close(" + name + ")"
		o = &op{pos: stuck.node.Pos(), node: stuck.node, family: Chan, what: "range over " + name, alt: alt, inert: true, related: related,
			msg: fmt.Sprintf("range over %s in %s never ends once %s returns (%s) without closing it: %s", name, owner, gor, exitAt, alt)}
	} else {
		alt := "send on or close " + name + " on every path of the goroutine, or select on it together with a way out"
		o = &op{pos: stuck.node.Pos(), node: stuck.node, family: Chan, what: "receive from " + name, alt: alt, inert: true, related: related,
			msg: fmt.Sprintf("receive from %s in %s blocks forever once %s returns (%s) without sending on it: %s", name, owner, gor, exitAt, alt)}
	}
	h := stuck.holder(wc)
	h.ops = append(h.ops, o)
	return true
}

// deferClose is the fix of a channel its maker never closes: defer
// close(ch) right after the make. Not where the maker closes it
// somewhere (a second close panics), nor where the make is in a loop
// or is no statement of its own.
func (s *state) deferClose(wc *wchan, o *op) {
	for _, u := range wc.own {
		if u.kind == uClose {
			return
		}
	}
	indent, ok := s.indentOf(wc.stmt)
	if !wc.listed || !ok {
		return
	}
	o.edits = []analysis.TextEdit{{Pos: wc.stmt.End(), End: wc.stmt.End(), NewText: []byte("\n" + indent + "defer close(" + wc.v.Name() + ")")}}
	o.fixMsg = "Close " + wc.v.Name() + " when " + wc.owner.displayName() + " returns"
}

// handedOver is the one use that puts the channel in a request, when
// the maker does nothing else with it but receive.
func (wc *wchan) handedOver() *wuse {
	var hand *wuse
	waits := false
	for _, u := range wc.own {
		switch u.kind {
		case uHand:
			if hand != nil {
				return nil
			}
			hand = u
		case uSend, uClose:
			return nil
		case uRecv:
			waits = waits || !u.defers
		}
	}
	if hand == nil || !waits || len(wc.sides) > 0 {
		return nil // no request, or a requester that never waits for the reply
	}
	if hand.loop != nil {
		// A loop that offers the same reply channel again and again
		// is a worker, not a requester that may leave: it comes back
		// to wait for it.
		return nil
	}
	return hand
}

// pendingReply is a reply channel put in a request, judged once every
// declaration's channels are known.
type pendingReply struct {
	wc   *wchan
	hand *wuse
}

// abandonedReplies: a requester puts an unbuffered reply channel in a
// request and can return without receiving the reply; whoever sends
// the reply on that field outside a select then blocks forever. Every
// channel the package puts in that field must be such an unbuffered
// local: a buffered one, or one from elsewhere, could be the one sent
// on.
func (s *state) abandonedReplies(fields []*fieldChan) {
	byField := map[*types.Var][]pendingReply{}
	for _, pr := range s.pendingReplies {
		byField[pr.hand.field] = append(byField[pr.hand.field], pr)
	}
	for _, fc := range fields {
		prs := byField[fc.f]
		if len(prs) == 0 || fc.made || fc.others || !sameVars(fc.locals, prs) {
			continue
		}
		var witness *pendingReply
		var exit token.Pos
		var left *ast.CommClause
		for i, pr := range prs {
			if pr.wc.cap != 0 {
				witness = nil
				break
			}
			if witness != nil {
				continue
			}
			f := s.newFlow(pr.wc.body, pr.wc.own)
			start, idx := f.at(pr.hand.node.Pos())
			if start == nil {
				continue
			}
			isRecv := func(u *wuse) bool { return u.kind == uRecv || u.kind == uRange }
			if pos, path, ok := f.reach(start, idx, isRecv, nil); ok {
				witness, exit = &prs[i], pos
				left = f.leftBy(path, func(op ast.Node) bool { return usesVar(s.info, op, pr.wc.v) })
			}
		}
		if witness == nil {
			continue
		}
		owner := witness.wc.owner.displayName()
		when := fmt.Sprintf("once %s returns (%s) without receiving the reply", owner, s.where(exit))
		related := []analysis.RelatedInformation{{Pos: exit, Message: owner + " returns here without receiving the reply"}}
		if left != nil {
			when = fmt.Sprintf("once %s takes the %s case (%s) and returns without the reply", owner, commText(left), s.where(left.Pos()))
			related = append([]analysis.RelatedInformation{{Pos: left.Pos(), Message: owner + " stops waiting for the reply here"}}, related...)
		}
		related = append(related, s.madeAt(witness.wc))
		alt := "give " + witness.wc.v.Name() + " a buffer of 1 where " + owner + " makes it"
		for _, fu := range fc.uses {
			if fu.u.kind != uSend || !fu.u.bare() || fu.fi == nil {
				continue
			}
			send := fu.u.node.(*ast.SendStmt)
			written := types.ExprString(send.Chan)
			o := &op{pos: send.Pos(), node: send, family: Chan, what: "send on " + written, alt: alt, inert: true, related: related,
				msg: fmt.Sprintf("send on %s blocks forever %s: %s", written, when, alt)}
			if len(prs) == 1 {
				o.grow = witness.wc.make
			}
			fu.fi.ops = append(fu.fi.ops, o)
		}
	}
}

// sameVars reports whether the locals put in a field are exactly the
// pending reply channels.
func sameVars(locals []*types.Var, prs []pendingReply) bool {
	if len(locals) != len(prs) {
		return false
	}
	for _, v := range locals {
		found := false
		for _, pr := range prs {
			found = found || pr.wc.v == v
		}
		if !found {
			return false
		}
	}
	return true
}

// hasKind reports whether some use is of kind k.
func hasKind(uses []*wuse, k useKind) bool {
	for _, u := range uses {
		if u.kind == k {
			return true
		}
	}
	return false
}

// receivedVars are the variables a receive assigns: v in v := <-ch,
// err in if err := <-ch; ..., and for a select case, the case's.
func (s *state) receivedVars(body *ast.BlockStmt, u *wuse) []*types.Var {
	var out []*types.Var
	add := func(as *ast.AssignStmt) {
		for _, l := range as.Lhs {
			if v := localVar(s.info, l); v != nil {
				out = append(out, v)
			}
		}
	}
	if u.clause != nil {
		if as, ok := u.clause.Comm.(*ast.AssignStmt); ok {
			add(as)
		}
		return out
	}
	inspect(body, func(n ast.Node) bool {
		if as, ok := n.(*ast.AssignStmt); ok {
			for _, r := range as.Rhs {
				if astutil.Unparen(r) == u.node {
					add(as)
				}
			}
		}
		return true
	})
	return out
}

// returnDecidedBy reports whether the return at pos is in an if whose
// condition reads one of vars.
func (s *state) returnDecidedBy(body *ast.BlockStmt, pos token.Pos, vars []*types.Var) bool {
	if len(vars) == 0 {
		return false
	}
	decided := false
	var stack []ast.Node
	inspect(body, func(n ast.Node) bool {
		if n == nil {
			stack = stack[:len(stack)-1]
			return true
		}
		stack = append(stack, n)
		r, ok := n.(*ast.ReturnStmt)
		if !ok || r.Pos() != pos {
			return true
		}
		for j := len(stack) - 1; j >= 0; j-- {
			ifs, ok := stack[j].(*ast.IfStmt)
			if !ok {
				continue
			}
			ast.Inspect(ifs.Cond, func(m ast.Node) bool {
				if id, ok := m.(*ast.Ident); ok && slices.Contains(vars, identVar(s.info, id)) {
					decided = true
				}
				return !decided
			})
			break
		}
		return false
	})
	return decided
}

// manyOf is how many goroutines a side stands for: unbounded when it
// is started in a loop.
func manyOf(side *wside) int {
	if side.many {
		return unbounded
	}
	return 1
}

// hasMany reports whether a side is started in a loop.
func hasMany(sides []*wside) bool {
	for _, side := range sides {
		if side.many {
			return true
		}
	}
	return false
}
