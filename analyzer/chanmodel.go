package analyzer

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ast/astutil"
)

// The channel model: for each channel a function makes in a local
// variable, every place that uses it, split into the maker's own side
// and the goroutines it starts with the channel. A channel used in a
// way the model does not follow (stored, returned, sent, passed to a
// function that is not started as a goroutine, assigned twice) is
// opaque, and no witness is looked for: the other side may be code the
// model cannot see.

// wchan is one channel made by a function, with its uses.
type wchan struct {
	v    *types.Var
	make *ast.CallExpr
	stmt ast.Stmt // the statement that makes it
	// listed: stmt is a statement of a block or case, outside any
	// loop of its function, so a statement can follow it.
	listed bool
	cap    int64 // -1 when not a constant
	owner  *funcInfo
	body   *ast.BlockStmt // the owner's body
	own    []*wuse        // the owner's own operations
	sides  []*wside       // goroutines started by the owner that use it
	// opaque: used in a way the model does not follow.
	opaque bool
	// param: the uses of a parameter a channel was handed to.
	param bool
	// peers are the channels made by the same declaration, wc too.
	peers []*wchan
}

// wside is a goroutine the owner starts that uses the channel: a
// literal, or a function of the package the channel is passed to.
type wside struct {
	fi    *funcInfo
	body  *ast.BlockStmt
	spawn token.Pos // the go statement (or the call that starts it) in the owner
	many  bool      // started in a loop: any number of them
	uses  []*wuse
	// ext is the fact of a function of another package the goroutine
	// runs, named extName, started by call; its uses stand in for it.
	// sends caches maxSends, counted is set once it is known.
	sends   int
	counted bool
	ext     *chanParam
	extName string
	call    *ast.CallExpr
}

type useKind int

const (
	uSend useKind = iota
	uRecv
	uRange
	uClose
	uHand // put in a field of a composite literal: a request carrying its reply channel
)

// wuse is one operation on the channel.
type wuse struct {
	kind useKind
	// at is where the operation happens in the function whose side it
	// is on: the node itself, or the call to the function of the
	// package that does it with the channel it is passed.
	at     ast.Node
	node   ast.Node        // *ast.SendStmt, *ast.UnaryExpr, *ast.RangeStmt, or the close *ast.CallExpr
	clause *ast.CommClause // the select case, for an operation that is one
	loop   ast.Node        // the innermost loop around it in its function, or nil
	defers bool            // run by defer: at every return of its function
	side   *wside          // nil on the owner's side
	fi     *funcInfo       // the function the node is in, when not its side's (or owner's)
	field  *types.Var      // for uHand, the field
	never  bool            // a send in a select with a default: it never waits
}

// holder is the function the operation is written in.
func (u *wuse) holder(wc *wchan) *funcInfo {
	switch {
	case u.fi != nil:
		return u.fi
	case u.side != nil:
		return u.side.fi
	}
	return wc.owner
}

// bare reports whether the operation waits with no other way out: a
// send or receive outside any select, or a range.
func (u *wuse) bare() bool { return u.clause == nil && u.kind != uClose }

// chanModels finds the channels made in local variables by the
// declaration fi and by the literals in it.
func (s *state) chanModels(fi *funcInfo) []*wchan {
	var out []*wchan
	var stack []ast.Node
	inspect(fi.body, func(n ast.Node) bool {
		if n == nil {
			stack = stack[:len(stack)-1]
			return true
		}
		stack = append(stack, n)
		var lhs, rhs []ast.Expr
		switch n := n.(type) {
		case *ast.AssignStmt:
			lhs, rhs = n.Lhs, n.Rhs
		case *ast.ValueSpec:
			for _, id := range n.Names {
				lhs = append(lhs, id)
			}
			rhs = n.Values
		default:
			return true
		}
		if len(lhs) != len(rhs) {
			return true
		}
		for i := range lhs {
			c, ok := makeCap(s.info, rhs[i])
			v := localVar(s.info, lhs[i])
			if !ok || v == nil {
				continue
			}
			owner, body := fi, fi.body
			for j := len(stack) - 1; j >= 0; j-- {
				if lit, ok := stack[j].(*ast.FuncLit); ok {
					owner, body = s.byLit[lit], lit.Body
					break
				}
			}
			if owner == nil {
				continue
			}
			stmt, _ := n.(ast.Stmt)
			up := 2 // the statement's parent
			if stmt == nil && len(stack) >= 4 {
				stmt, _ = stack[len(stack)-3].(ast.Stmt) // the DeclStmt of a ValueSpec
				up = 4
			}
			listed := false
			switch stack[len(stack)-up].(type) {
			case *ast.BlockStmt, *ast.CaseClause, *ast.CommClause:
				listed = loopIn(stack) == nil
			}
			wc := &wchan{v: v, make: astutil.Unparen(rhs[i]).(*ast.CallExpr), stmt: stmt, listed: listed, cap: c, owner: owner, body: body}
			s.chanUses(wc)
			out = append(out, wc)
		}
		return true
	})
	return out
}

// chanUses finds every use of the channel in its owner's body.
func (s *state) chanUses(wc *wchan) {
	sides := map[*ast.FuncLit]*wside{}
	eachUse(s.info, wc.body, wc.v, func(stack []ast.Node) bool {
		// The side: the outermost literal between the owner and the use.
		var side *wside
		deferred := false
		lits := 0
		for j, a := range stack {
			lit, ok := a.(*ast.FuncLit)
			if !ok {
				continue
			}
			lits++
			if lits > 1 {
				wc.opaque = true // a literal inside a goroutine: not followed
				return false
			}
			lfi := s.byLit[lit]
			switch {
			case lfi == nil:
				wc.opaque = true
				return false
			case lfi.deferred:
				deferred = true
			case isGoroutine(lfi.spawn):
				side = sides[lit]
				if side == nil {
					side = &wside{fi: lfi, body: lit.Body, spawn: lit.Pos(), many: inLoop(stack[:j])}
					sides[lit] = side
					wc.sides = append(wc.sides, side)
				}
			default:
				wc.opaque = true
				return false
			}
		}
		for _, u := range s.classifyUse(stack, wc) {
			u.side = side
			u.defers = u.defers || deferred
			if side != nil {
				side.uses = append(side.uses, u)
			} else {
				wc.own = append(wc.own, u)
			}
		}
		return !wc.opaque
	})
}

// eachUse calls f with the path from root down to each identifier that
// uses v, in order, until f returns false.
func eachUse(info *types.Info, root ast.Node, v *types.Var, f func(stack []ast.Node) bool) {
	var stack []ast.Node
	more := true
	inspect(root, func(n ast.Node) bool {
		if n == nil {
			stack = stack[:len(stack)-1]
			return true
		}
		stack = append(stack, n)
		if id, ok := n.(*ast.Ident); ok && more && info.Uses[id] == v {
			more = f(stack)
		}
		return true
	})
}

// isGoroutine reports whether a spawn runs the function in a goroutine
// of its own, now: a go statement or a group's Go.
func isGoroutine(k entryKind) bool {
	return k == kindGo || k == kindErrgroup || k == kindWaitGroupGo
}

// inLoop reports whether a path of nodes holds a loop after the
// function it is in starts.
func inLoop(stack []ast.Node) bool {
	return loopIn(stack) != nil
}

// loopIn is the innermost loop of the path within its innermost
// function, or nil.
func loopIn(stack []ast.Node) ast.Node {
	for j := len(stack) - 1; j >= 0; j-- {
		switch stack[j].(type) {
		case *ast.ForStmt, *ast.RangeStmt:
			return stack[j]
		case *ast.FuncLit, *ast.FuncDecl:
			return nil
		}
	}
	return nil
}

// classifyUse says what the channel expression at the top of the
// stack (an identifier, or a field's selector) does with the channel,
// or marks the channel opaque.
func (s *state) classifyUse(stack []ast.Node, wc *wchan) []*wuse {
	id := stack[len(stack)-1].(ast.Expr) // the channel: a local, a parameter, or a field
	parent := stack[len(stack)-2]
	loop := loopIn(stack)
	clauseOf := func(op ast.Node, up int) *ast.CommClause {
		if len(stack) < up {
			return nil
		}
		if cc, ok := stack[len(stack)-up].(*ast.CommClause); ok && commOp(cc.Comm) == op {
			return cc
		}
		return nil
	}
	switch p := parent.(type) {
	case *ast.SendStmt:
		if p.Chan == id {
			u := &wuse{kind: uSend, node: p, clause: clauseOf(p, 3), loop: loop}
			if u.clause != nil && len(stack) >= 5 {
				if sel, ok := stack[len(stack)-5].(*ast.SelectStmt); ok && hasDefault(sel) {
					u.never = true // it never waits, and never has to be received
				}
			}
			return []*wuse{u}
		}
	case *ast.UnaryExpr:
		if p.Op == token.ARROW {
			// <-ch as a case: the CommClause is above an ExprStmt or
			// an AssignStmt.
			return []*wuse{{kind: uRecv, node: p, clause: clauseOf(p, 4), loop: loop}}
		}
	case *ast.RangeStmt:
		if p.X == id {
			return []*wuse{{kind: uRange, node: p, loop: p}}
		}
	case *ast.AssignStmt:
		for i, l := range p.Lhs {
			if l == id && len(p.Rhs) == len(p.Lhs) && astutil.Unparen(p.Rhs[i]) == wc.make {
				return nil // the make itself
			}
		}
	case *ast.BinaryExpr:
		if isNil(s.info, p.X) || isNil(s.info, p.Y) {
			return nil
		}
	case *ast.KeyValueExpr:
		// request{reply: ch}: the request carries the channel to
		// whoever sends the reply on that field.
		lit, _ := stack[len(stack)-3].(*ast.CompositeLit)
		if key, ok := p.Key.(*ast.Ident); ok && p.Value == id && lit != nil && !wc.param && sentAsRequest(stack[:len(stack)-3], lit) {
			if fv, _ := s.info.Uses[key].(*types.Var); fv != nil && fv.IsField() && !fv.Exported() && fv.Pkg() == s.pass.Pkg {
				return []*wuse{{kind: uHand, node: lit, loop: loop, field: fv}}
			}
		}
	case *ast.CallExpr:
		if b, ok := s.info.Uses[calleeIdent(p.Fun)].(*types.Builtin); ok {
			switch b.Name() {
			case "close":
				_, deferred := stack[len(stack)-3].(*ast.DeferStmt)
				return []*wuse{{kind: uClose, node: p, loop: loop, defers: deferred}}
			case "len", "cap":
				return nil
			}
		}
		g, spawned := stack[len(stack)-3].(*ast.GoStmt)
		if spawned && g.Call == p && !wc.param && s.handoff(wc, p, id, stack) {
			return nil
		}
		if !spawned && !wc.param {
			if uses, ok := s.follow(p, id, stack); ok {
				return uses
			}
		}
	}
	wc.opaque = true
	return nil
}

// calleeIdent is the identifier a call's function is, or nil.
func calleeIdent(fun ast.Expr) *ast.Ident {
	id, _ := astutil.Unparen(fun).(*ast.Ident)
	return id
}

// handoff follows go f(ch) into f, a function of the package: its
// uses of the parameter are a side of the channel.
func (s *state) handoff(wc *wchan, call *ast.CallExpr, id ast.Expr, stack []ast.Node) bool {
	fn := staticCallee(s.info, call)
	if fn == nil {
		return false
	}
	// In a method expression, (*T).M(x, args...), the first argument
	// is the receiver.
	shift := 0
	if isMethodExpr(s.info, call.Fun) {
		shift = 1
	}
	callee := s.byObj[fn]
	sig := fn.Type().(*types.Signature)
	if callee == nil || callee.decl == nil || callee.decl.Body == nil {
		for i, a := range call.Args {
			if a == id && i >= shift && !(sig.Variadic() && i-shift >= sig.Params().Len()-1) {
				if side := s.extSide(wc, fn, i-shift, call, stack); side != nil {
					wc.sides = append(wc.sides, side)
					return true
				}
			}
		}
		return false
	}
	for i, a := range call.Args {
		if a != id || i < shift {
			continue
		}
		i -= shift
		if sig.Variadic() && i >= sig.Params().Len()-1 {
			return false
		}
		p := sig.Params().At(i)
		side := &wside{fi: callee, body: callee.decl.Body, spawn: call.Pos(), many: inLoop(stack)}
		pc := &wchan{v: p, body: callee.decl.Body, owner: callee, param: true}
		s.paramUses(pc, side)
		if pc.opaque {
			return false
		}
		wc.sides = append(wc.sides, side)
		return true
	}
	return false
}

// paramUses finds the uses of a channel parameter in a function a
// channel is handed to: they all belong to that one side.
func (s *state) paramUses(pc *wchan, side *wside) {
	eachUse(s.info, pc.body, pc.v, func(stack []ast.Node) bool {
		for _, a := range stack {
			if _, ok := a.(*ast.FuncLit); ok {
				pc.opaque = true
				return false
			}
		}
		for _, u := range s.classifyUse(stack, pc) {
			u.side, u.fi = side, pc.owner
			side.uses = append(side.uses, u)
		}
		return !pc.opaque
	})
}

// isMethodExpr reports whether fun is a method expression, (*T).M.
func isMethodExpr(info *types.Info, fun ast.Expr) bool {
	sel, ok := astutil.Unparen(fun).(*ast.SelectorExpr)
	if !ok {
		return false
	}
	s := info.Selections[sel]
	return s != nil && s.Kind() == types.MethodExpr
}

// follow looks into a function of the package called with the channel
// (not started as a goroutine): its uses of the parameter happen at
// the call.
func (s *state) follow(call *ast.CallExpr, id ast.Expr, stack []ast.Node) ([]*wuse, bool) {
	fn := staticCallee(s.info, call)
	if fn == nil || isMethodExpr(s.info, call.Fun) {
		return nil, false
	}
	callee := s.byObj[fn]
	if callee == nil || callee.decl == nil || callee.decl.Body == nil {
		return nil, false
	}
	sig := fn.Type().(*types.Signature)
	for i, a := range call.Args {
		if a != id {
			continue
		}
		if sig.Variadic() && i >= sig.Params().Len()-1 {
			return nil, false
		}
		side := &wside{fi: callee, body: callee.decl.Body}
		pc := &wchan{v: sig.Params().At(i), body: callee.decl.Body, owner: callee, param: true}
		s.paramUses(pc, side)
		if pc.opaque {
			return nil, false
		}
		_, deferred := stack[len(stack)-3].(*ast.DeferStmt)
		loop := loopIn(stack)
		for _, u := range side.uses {
			u.at, u.defers = call, u.defers || deferred
			if u.loop == nil {
				u.loop = loop
			}
		}
		return side.uses, true
	}
	return nil, false
}

// sentAsRequest reports whether a composite literal is the value of a
// send (s.reqs <- request{...}, or its address): a request handed to
// whoever serves that channel. stack ends above the literal.
func sentAsRequest(stack []ast.Node, lit *ast.CompositeLit) bool {
	var v ast.Node = lit
	for j := len(stack) - 1; j >= 0; j-- {
		switch p := stack[j].(type) {
		case *ast.ParenExpr:
			v = p
		case *ast.UnaryExpr:
			if p.Op != token.AND {
				return false
			}
			v = p
		case *ast.SendStmt:
			return p.Value == v
		default:
			return false
		}
	}
	return false
}
