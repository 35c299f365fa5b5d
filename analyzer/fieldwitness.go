package analyzer

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/cfg"
)

// The loop's channel: an unexported channel field of the package that
// a loop receives from, and others send on. Once every loop that
// receives from it has returned, a send on it blocks forever; the
// witness is a path on which the loop returns without receiving from
// it again (it takes another select case, or leaves on an error). A
// loop whose only way out is that very channel, a receive anywhere
// else (a drain after the loop, a plain receive), a buffer, or a use
// the model does not follow (the field read into a variable, passed,
// assigned from anything but a make) leaves no witness.

// fieldChan is what the package does with one channel field.
type fieldChan struct {
	f      *types.Var
	uses   []fieldUse
	opaque bool
	made   bool
	// locals are the local variables put in the field by composite
	// literals; others is set when anything else is.
	locals []*types.Var
	others bool
	// aliases are the locals that hold the field's channel.
	aliases map[*types.Var]bool
	cap     int64 // the largest capacity made; -1 when not a constant
}

type fieldUse struct {
	u  *wuse
	fi *funcInfo // the function it is written in
}

// loopChannels reports the sends on channel fields whose receiving
// loops can all return without receiving again.
func (s *state) loopChannels() {
	fields := s.scanFieldChans()
	s.abandonedReplies(fields)
	for _, fc := range fields {
		if fc.opaque || !fc.made || fc.cap != 0 {
			continue
		}
		s.judgeField(fc)
		s.lockedSends(fc)
	}
}

// scanFieldChans finds every use of the package's unexported channel
// fields, in every file, test files included: a field a test makes or
// uses counts.
func (s *state) scanFieldChans() []*fieldChan {
	byField := map[*types.Var]*fieldChan{}
	var order []*fieldChan
	get := func(f *types.Var) *fieldChan {
		if f == nil || f.Exported() || f.Pkg() != s.pass.Pkg {
			return nil
		}
		if _, ok := under(f.Type()).(*types.Chan); !ok {
			return nil
		}
		fc := byField[f]
		if fc == nil {
			fc = &fieldChan{f: f}
			byField[f] = fc
			order = append(order, fc)
		}
		return fc
	}
	for _, file := range s.pass.Files {
		var stack []ast.Node
		inspect(file, func(n ast.Node) bool {
			if n == nil {
				stack = stack[:len(stack)-1]
				return true
			}
			stack = append(stack, n)
			switch n := n.(type) {
			case *ast.CompositeLit:
				t, _ := under(s.info.TypeOf(n)).(*types.Struct)
				if t == nil {
					break
				}
				for i, elt := range n.Elts {
					if kv, ok := elt.(*ast.KeyValueExpr); ok {
						if id, ok := kv.Key.(*ast.Ident); ok {
							if fv, _ := s.info.Uses[id].(*types.Var); fv != nil {
								if fc := get(fv); fc != nil {
									s.fieldMade(fc, kv.Value)
								}
							}
						}
					} else if i < t.NumFields() {
						if fc := get(t.Field(i)); fc != nil {
							s.fieldMade(fc, elt)
						}
					}
				}
			case *ast.SelectorExpr:
				fc := get(fieldOf(s.info, n))
				if fc == nil || fc.opaque {
					break
				}
				s.fieldUse(fc, stack)
			}
			return true
		})
	}
	return order
}

// fieldUse classifies one use of a channel field: the selector is at
// the top of the stack.
func (s *state) fieldUse(fc *fieldChan, stack []ast.Node) {
	sel := stack[len(stack)-1].(*ast.SelectorExpr)
	parent := stack[len(stack)-2]
	if as, ok := parent.(*ast.AssignStmt); ok {
		for i, l := range as.Lhs {
			if l == sel {
				if len(as.Rhs) == len(as.Lhs) {
					s.fieldMade(fc, as.Rhs[i])
				} else {
					fc.opaque = true
				}
				return
			}
		}
	}
	holder := s.holderOf(stack)
	if as, ok := parent.(*ast.AssignStmt); ok && as.Tok == token.DEFINE && len(as.Lhs) == len(as.Rhs) && holder != nil {
		// done := s.done: the local's uses are the field's.
		for i, r := range as.Rhs {
			if r == sel {
				if v := localVar(s.info, as.Lhs[i]); v != nil {
					s.aliasUses(fc, v, holder)
					return
				}
			}
		}
	}
	wc := &wchan{param: true}
	uses := s.classifyUse(stack, wc)
	if wc.opaque {
		fc.opaque = true
		return
	}
	for _, u := range uses {
		fc.uses = append(fc.uses, fieldUse{u, holder})
	}
}

// aliasUses adds the uses of a local that holds the field's channel,
// in the function that declares it and its literals.
func (s *state) aliasUses(fc *fieldChan, v *types.Var, holder *funcInfo) {
	if fc.aliases == nil {
		fc.aliases = map[*types.Var]bool{}
	}
	fc.aliases[v] = true
	eachUse(s.info, holder.body, v, func(stack []ast.Node) bool {
		wc := &wchan{param: true}
		uses := s.classifyUse(stack, wc)
		if wc.opaque {
			fc.opaque = true
			return false
		}
		fi := s.holderOf(stack)
		if fi == nil {
			fi = holder
		}
		for _, u := range uses {
			fc.uses = append(fc.uses, fieldUse{u, fi})
		}
		return true
	})
}

func (s *state) fieldMade(fc *fieldChan, e ast.Expr) {
	c, ok := makeCap(s.info, e)
	if v := localVar(s.info, e); v != nil {
		fc.locals = append(fc.locals, v)
		fc.opaque = true // the loop model follows makes only
		return
	}
	if !ok && !isNil(s.info, e) {
		fc.others = true
	}
	switch {
	case ok:
		fc.made = true
		if c < 0 || fc.cap < 0 {
			fc.cap = -1
		} else {
			fc.cap = max(fc.cap, c)
		}
	case isNil(s.info, e):
	default:
		fc.opaque = true
	}
}

// holderOf is the function the innermost node of the stack is in.
func (s *state) holderOf(stack []ast.Node) *funcInfo {
	for j := len(stack) - 1; j >= 0; j-- {
		switch n := stack[j].(type) {
		case *ast.FuncLit:
			return s.byLit[n]
		case *ast.FuncDecl:
			if obj, ok := s.info.Defs[n.Name].(*types.Func); ok {
				return s.byObj[obj]
			}
			return nil
		}
	}
	return nil
}

// judgeField looks for the loops that receive from the field, and a
// way out of each that does not receive from it again.
func (s *state) judgeField(fc *fieldChan) {
	var sends []fieldUse
	loops := map[*funcInfo][]*wuse{}
	for _, fu := range fc.uses {
		switch fu.u.kind {
		case uSend:
			if fu.u.bare() {
				sends = append(sends, fu)
			}
		case uRecv, uRange:
			if fu.fi == nil || fu.u.loop == nil || fu.u.kind == uRange || fu.u.defers {
				return // a receive outside a loop may come at any time
			}
			loops[fu.fi] = append(loops[fu.fi], fu.u)
		case uClose:
			// Closed somewhere: a sender left waiting is let go (or
			// panics), it does not wait forever.
			return
		}
	}
	if len(sends) == 0 || len(loops) != 1 {
		return // no receiver, or several: which one is left is not followed
	}
	var loopFn *funcInfo
	var recvs []*wuse
	for fi, us := range loops {
		loopFn, recvs = fi, us
	}
	loop := recvs[0].loop
	for _, u := range recvs {
		if u.loop != loop {
			return
		}
	}
	f := s.newFlow(loopFn.body, recvs)
	// The loop leaves on quit or on an error: through the case of a
	// done channel, a context or a timer, or outside any case. A case
	// that takes data from another channel (a worker's last result, a
	// count of replies) may be how the loop learns that the senders
	// are gone, so no path goes through one.
	for _, b := range f.g.Blocks {
		cc, ok := b.Stmt.(*ast.CommClause)
		if b.Kind != cfg.KindSelectCaseBody || !ok || s.signalCase(cc) {
			continue
		}
		f.events[b] = append(f.events[b], event{-1, &wuse{kind: uRecv, node: cc}})
	}
	var start *cfg.Block
	for _, b := range f.g.Blocks {
		if b.Stmt == loop && (b.Kind == cfg.KindForBody || b.Kind == cfg.KindRangeBody) {
			start = b
		}
	}
	if start == nil {
		return
	}
	isRecv := func(u *wuse) bool { return u.kind == uRecv || u.kind == uRange }
	exit, path, ok := f.reach(start, -1, isRecv, nil)
	if !ok {
		return
	}
	name := fc.f.Name()
	loopName := loopFn.displayName()
	when := fmt.Sprintf("once the loop in %s has returned (%s)", loopName, s.where(exit))
	related := []analysis.RelatedInformation{{Pos: exit, Message: loopName + " returns here and nobody receives from " + name + " any more"}}
	onField := func(op ast.Node) bool {
		switch op := op.(type) {
		case *ast.SendStmt:
			return fieldOf(s.info, op.Chan) == fc.f || fc.aliases[identVar(s.info, op.Chan)]
		case *ast.UnaryExpr:
			return fieldOf(s.info, op.X) == fc.f || fc.aliases[identVar(s.info, op.X)]
		}
		return false
	}
	if cc := f.leftBy(path, onField); cc != nil {
		when = fmt.Sprintf("once the loop in %s takes the %s case (%s) and returns", loopName, commText(cc), s.where(cc.Pos()))
		related = append([]analysis.RelatedInformation{{Pos: cc.Pos(), Message: "the loop leaves here"}}, related...)
	}
	handshakes := s.fieldSends(loopFn.body)
	for _, fu := range sends {
		if fu.fi == nil || fu.fi == loopFn || inside(loop, fu.u.node.Pos()) {
			continue // the loop's own send: it is not waiting for itself to return
		}
		if s.receivesAny(fu.fi.body, handshakes) {
			continue // a reply to what the loop sent it: the loop waits for it
		}
		send := fu.u.node.(*ast.SendStmt)
		written := types.ExprString(send.Chan)
		alt := "send in a select that also waits for the loop's done channel or a context"
		o := &op{pos: send.Pos(), node: send, family: Chan, what: "send on " + written, alt: alt, inert: true,
			related: related, msg: fmt.Sprintf("send on %s blocks forever %s: %s", written, when, alt)}
		if cc := f.leftBy(path, onField); cc != nil {
			s.selectOnDone(o, send, cc)
		}
		if s.sendsOn(fc) == 1 && s.stopSignal(fc, recvs) {
			// The only send of a stop signal that the loop only ever
			// returns on: closing it reaches the loop, or nobody.
			o.edits = []analysis.TextEdit{{Pos: send.Pos(), End: send.End(), NewText: []byte("close(" + s.source(send.Chan) + ")")}}
			o.fixMsg = "Close " + written + " instead of sending on it"
			o.alt = "close " + written + " instead, which reaches the loop or nobody"
			o.msg = fmt.Sprintf("send on %s blocks forever %s: %s", written, when, o.alt)
		}
		fu.fi.ops = append(fu.fi.ops, o)
	}
}

// sendsOn counts the sends on fc in the package, in selects too.
func (s *state) sendsOn(fc *fieldChan) int {
	n := 0
	for _, fu := range fc.uses {
		if fu.u.kind == uSend {
			n++
		}
	}
	return n
}

// stopSignal reports whether fc is a stop signal: a chan struct{} that
// the loop receives only in select cases whose body returns, with
// nothing else done with the value.
func (s *state) stopSignal(fc *fieldChan, recvs []*wuse) bool {
	if !isSignalChan(fc.f.Type()) {
		return false
	}
	for _, u := range recvs {
		if u.clause == nil || len(u.clause.Body) == 0 {
			return false
		}
		if _, isExpr := u.clause.Comm.(*ast.ExprStmt); !isExpr {
			return false // v, ok := <-stop
		}
		if _, ok := u.clause.Body[len(u.clause.Body)-1].(*ast.ReturnStmt); !ok {
			return false
		}
	}
	return true
}

// selectOnDone is the fix of a send into a loop that left on a done
// channel of the same struct: the send selects on that channel too,
// reached through the same value (c.reqs <- v, the loop left on
// <-c.quit: select { case c.reqs <- v: case <-c.quit: }).
func (s *state) selectOnDone(o *op, send *ast.SendStmt, left *ast.CommClause) {
	u, ok := commOp(left.Comm).(*ast.UnaryExpr)
	if !ok {
		return
	}
	done := fieldOf(s.info, u.X)
	sel, ok := astutil.Unparen(send.Chan).(*ast.SelectorExpr)
	if done == nil || !ok || !isSignalChan(done.Type()) {
		return
	}
	// The done channel must be a field of the struct the sent-on
	// field belongs to, reached from the same value.
	recv := s.info.Types[sel.X].Type
	if obj, _, _ := types.LookupFieldOrMethod(recv, true, s.pass.Pkg, done.Name()); obj != done {
		return
	}
	indent, ok := s.indentOf(send)
	if !ok {
		return
	}
	base := s.source(sel.X)
	text := fmt.Sprintf("select {\n%scase %s:\n%scase <-%s.%s:\n%s}", indent, s.source(send), indent, base, done.Name(), indent)
	o.edits = []analysis.TextEdit{{Pos: send.Pos(), End: send.End(), NewText: []byte(text)}}
	o.fixMsg = "Select on " + base + "." + done.Name() + " too"
}

// inside reports whether pos is within n.
func inside(n ast.Node, pos token.Pos) bool { return n.Pos() <= pos && pos < n.End() }

// signalCase reports whether a select case waits for a signal: a done
// or quit channel (element type struct{}), a context's Done, a timer.
func (s *state) signalCase(cc *ast.CommClause) bool {
	u, ok := commOp(cc.Comm).(*ast.UnaryExpr)
	if !ok {
		return cc.Comm == nil // default
	}
	x := astutil.Unparen(u.X)
	t := s.info.TypeOf(x)
	return isContextDone(s.info, x) || isSignalChan(t) || isTimeChan(t)
}

// fieldSends are the channel fields a function body sends on.
func (s *state) fieldSends(body *ast.BlockStmt) map[*types.Var]bool {
	out := map[*types.Var]bool{}
	inspect(body, func(n ast.Node) bool {
		if send, ok := n.(*ast.SendStmt); ok {
			if f := fieldOf(s.info, send.Chan); f != nil {
				out[f] = true
			}
		}
		return true
	})
	return out
}

// receivesAny reports whether a function body receives from one of
// the fields.
func (s *state) receivesAny(body *ast.BlockStmt, fields map[*types.Var]bool) bool {
	found := false
	inspect(body, func(n ast.Node) bool {
		if u, ok := n.(*ast.UnaryExpr); ok && u.Op == token.ARROW && fields[fieldOf(s.info, u.X)] {
			found = true
		}
		return !found
	})
	return found
}
