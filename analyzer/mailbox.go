package analyzer

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ast/astutil"
)

// Mailboxes drained by CPU-only loops.
//
// A buffered channel field that the package drains in a loop, and
// whose every drain does nothing that can wait (no channel operation,
// lock, catalog call, call of a function that blocks, or call through
// a function value or an interface), is a mailbox: a send waits only
// while the loop catches up with in-memory work, never for another
// event. Such sends are no findings, not even under a lock or in a
// case of an event loop. An unbuffered channel gets no such pass: its
// send waits for the loop to come round, every time.
//
//	w.markCh = make(chan mark, 100)
//	...
//	for {
//		select {
//		case <-closer.HasBeenClosed():
//			return
//		case m := <-w.markCh:
//			w.processOne(m) // heap and map updates only
//		}
//	}

// cpuDrained reports whether the channel field or package variable v
// is a buffered mailbox drained only by CPU-only loops. The answer is
// computed once per variable.
func (s *state) cpuDrained(v *types.Var) bool {
	if v == nil {
		return false
	}
	if ok, done := s.mailboxes[v]; done {
		return ok
	}
	ok := s.isCPUDrained(v)
	s.mailboxes[v] = ok
	return ok
}

func (s *state) isCPUDrained(v *types.Var) bool {
	caps := s.fieldMakes[v]
	if len(caps) == 0 {
		return false
	}
	for _, c := range caps {
		if c == 0 {
			return false
		}
	}
	d := s.drainsOf()[v]
	if d == nil || d.unknown {
		return false
	}
	for _, body := range d.bodies {
		if !s.cpuOnly(body, map[*types.Func]bool{}) {
			return false
		}
	}
	return len(d.bodies) > 0
}

// drains are how the package drains one channel field or package
// variable: the bodies of the loops ranging over it and of the select
// cases receiving from it, and whether it is received from anywhere
// else (a drain blockcheck does not know).
type drains struct {
	bodies  [][]ast.Stmt
	unknown bool
}

// drainsOf finds the drains of every channel field and package
// variable, in one pass over the package.
func (s *state) drainsOf() map[*types.Var]*drains {
	x := s.idx()
	if x.drains != nil {
		return x.drains
	}
	x.drains = map[*types.Var]*drains{}
	of := func(v *types.Var) *drains {
		d := x.drains[v]
		if d == nil {
			d = &drains{}
			x.drains[v] = d
		}
		return d
	}
	for _, f := range s.pass.Files {
		var stack []ast.Node
		inspect(f, func(n ast.Node) bool {
			if n == nil {
				stack = stack[:len(stack)-1]
				return true
			}
			switch n := n.(type) {
			case *ast.RangeStmt:
				if v := s.chanField(n.X); v != nil {
					of(v).bodies = append(of(v).bodies, n.Body.List)
				}
			case *ast.CommClause:
				if v := s.recvField(n.Comm); v != nil {
					of(v).bodies = append(of(v).bodies, n.Body)
				}
			case *ast.UnaryExpr:
				// A receive anywhere else is a drain we do not know.
				if n.Op == token.ARROW {
					if v := s.chanField(n.X); v != nil && !drainRecv(stack, n) {
						of(v).unknown = true
					}
				}
			}
			stack = append(stack, n)
			return true
		})
	}
	return x.drains
}

// chanField is the field or package variable a channel expression
// names, or nil.
func (s *state) chanField(e ast.Expr) *types.Var {
	if fv := fieldOf(s.info, e); fv != nil {
		return fv
	}
	return pkgVar(s.info, e)
}

// recvField is the field received from in a select case's
// communication, or nil.
func (s *state) recvField(comm ast.Stmt) *types.Var {
	var x ast.Expr
	switch c := comm.(type) {
	case *ast.ExprStmt:
		x = c.X
	case *ast.AssignStmt:
		if len(c.Rhs) == 1 {
			x = c.Rhs[0]
		}
	}
	u, ok := astutil.Unparen(x).(*ast.UnaryExpr)
	if !ok || u.Op != token.ARROW {
		return nil
	}
	return s.chanField(u.X)
}

// drainRecv reports whether a receive is the communication of a select
// case, which cpuDrained judges by the case's body; stack holds the
// nodes around it, outermost first.
func drainRecv(stack []ast.Node, u *ast.UnaryExpr) bool {
	for i := len(stack) - 1; i >= 0; i-- {
		switch n := stack[i].(type) {
		case *ast.CommClause:
			return n.Comm != nil && n.Comm.Pos() <= u.Pos() && u.End() <= n.Comm.End()
		case *ast.ParenExpr, *ast.ExprStmt, *ast.AssignStmt:
			continue
		}
		return false
	}
	return false
}

// cpuOnly reports whether statements do nothing that can wait: no
// channel operation, select or go statement, no lock or other blocking
// call, no call through a function value or interface. Calls into the
// package are followed (seen breaks cycles); calls into other packages
// count when they are not in the catalog, carry no blocking fact, and
// are not sync's waits.
func (s *state) cpuOnly(body []ast.Stmt, seen map[*types.Func]bool) bool {
	ok := true
	for _, st := range body {
		inspect(st, func(n ast.Node) bool {
			if !ok {
				return false
			}
			switch n := n.(type) {
			case *ast.SendStmt, *ast.SelectStmt, *ast.GoStmt, *ast.DeferStmt:
				ok = false
			case *ast.UnaryExpr:
				ok = n.Op != token.ARROW
			case *ast.RangeStmt:
				if t := s.info.TypeOf(n.X); t != nil {
					if _, isChan := t.Underlying().(*types.Chan); isChan {
						ok = false
					}
				}
			case *ast.FuncLit:
				return false // judged where it is called
			case *ast.CallExpr:
				ok = s.cpuOnlyCall(n, seen)
			}
			return ok
		})
		if !ok {
			return false
		}
	}
	return true
}

func (s *state) cpuOnlyCall(call *ast.CallExpr, seen map[*types.Func]bool) bool {
	if tv, ok := s.info.Types[call.Fun]; ok && (tv.IsType() || tv.IsBuiltin()) {
		return true // a conversion, len, append, close, delete...
	}
	if lit, ok := astutil.Unparen(call.Fun).(*ast.FuncLit); ok {
		return s.cpuOnly(lit.Body.List, seen)
	}
	fn := staticCallee(s.info, call)
	if fn == nil {
		// A local variable holding one literal is that literal;
		// any other function value or interface method is unknown.
		v := localVar(s.info, call.Fun)
		lit := s.localLits()[v]
		if v == nil || lit == nil {
			return false
		}
		return s.cpuOnly(lit.Body.List, seen)
	}
	if fn.Pkg() == s.pass.Pkg {
		fi := s.byObj[fn]
		if fi == nil || fi.body == nil {
			return false
		}
		if seen[fn] {
			return true
		}
		seen[fn] = true
		return s.cpuOnly(fi.body.List, seen)
	}
	if sig, ok := fn.Type().(*types.Signature); ok && sig.Recv() != nil && types.IsInterface(sig.Recv().Type()) {
		return false
	}
	switch fn.FullName() {
	case "(*sync.Mutex).Lock", "(*sync.RWMutex).Lock", "(*sync.RWMutex).RLock", "(*sync.WaitGroup).Wait", "(*sync.Once).Do":
		return false
	}
	if _, ok := s.lookup(fn.FullName()); ok {
		return false
	}
	return s.importFact(fn) == nil
}

// localLits maps each local variable that is given a function literal
// once, where it is declared, and never assigned again, to that
// literal. It is built once per package.
func (s *state) localLits() map[*types.Var]*ast.FuncLit {
	if s.litVars != nil {
		return s.litVars
	}
	lits := map[*types.Var]*ast.FuncLit{}
	reassigned := map[*types.Var]bool{}
	for _, f := range s.pass.Files {
		inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.AssignStmt:
				for i, lhs := range n.Lhs {
					id, ok := lhs.(*ast.Ident)
					if !ok {
						continue
					}
					if v, ok := s.info.Defs[id].(*types.Var); ok && len(n.Lhs) == len(n.Rhs) {
						if lit, ok := n.Rhs[i].(*ast.FuncLit); ok {
							lits[v] = lit
						}
					} else if v, ok := s.info.Uses[id].(*types.Var); ok {
						reassigned[v] = true
					}
				}
			case *ast.ValueSpec:
				for i, id := range n.Names {
					if v, ok := s.info.Defs[id].(*types.Var); ok && i < len(n.Values) {
						if lit, ok := n.Values[i].(*ast.FuncLit); ok {
							lits[v] = lit
						}
					}
				}
			}
			return true
		})
	}
	for v := range reassigned {
		delete(lits, v)
	}
	s.litVars = lits
	return lits
}
