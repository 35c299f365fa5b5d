package analyzer

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/cfg"
)

// waitGatedCases cuts, in the owner's flow, the select cases that
// receive from a done channel which a goroutine of the owner closes
// only after wg.Wait(), when every goroutine that sends on wc is
// counted by that WaitGroup with a deferred Done:
//
//	go func() { wg.Wait(); close(done) }()
//	select {
//	case <-done:      // every sender has finished: none is left waiting
//	case err := <-errs:
//	}
//
// A sender blocked on wc has not called Done, so done cannot close
// while it waits: that case is no way to leave it behind.
func (s *state) waitGatedCases(f *flow, wc *wchan) {
	for _, b := range f.g.Blocks {
		cc, ok := b.Stmt.(*ast.CommClause)
		if b.Kind != cfg.KindSelectCaseBody || !ok {
			continue
		}
		u, ok := commOp(cc.Comm).(*ast.UnaryExpr)
		if !ok || u.Op != token.ARROW {
			continue
		}
		done := identVar(s.info, u.X)
		if done == nil || done == wc.v {
			continue
		}
		wg := s.closedAfterWait(wc.body, done)
		if wg == nil || !s.allCounted(wc, wg) {
			continue
		}
		f.events[b] = append(f.events[b], event{-1, &wuse{kind: uRecv, node: cc, clause: cc}})
	}
}

// closedAfterWait is the WaitGroup variable of the one goroutine in
// body that closes done, when that goroutine's body is wg.Wait()
// followed by close(done), and nothing else in body closes done.
func (s *state) closedAfterWait(body *ast.BlockStmt, done *types.Var) *types.Var {
	closes := 0
	var wg *types.Var
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.CallExpr:
			if id, ok := astutil.Unparen(n.Fun).(*ast.Ident); ok && id.Name == "close" && len(n.Args) == 1 {
				if _, isBuiltin := s.info.Uses[id].(*types.Builtin); isBuiltin && identVar(s.info, n.Args[0]) == done {
					closes++
				}
			}
		case *ast.GoStmt:
			lit, ok := astutil.Unparen(n.Call.Fun).(*ast.FuncLit)
			if !ok || len(lit.Body.List) != 2 {
				return true
			}
			v := s.wgCall(lit.Body.List[0], "Wait")
			es, ok := lit.Body.List[1].(*ast.ExprStmt)
			if v == nil || !ok {
				return true
			}
			if call, ok := astutil.Unparen(es.X).(*ast.CallExpr); ok && len(call.Args) == 1 {
				if id, ok := astutil.Unparen(call.Fun).(*ast.Ident); ok && id.Name == "close" && identVar(s.info, call.Args[0]) == done {
					wg = v
				}
			}
		}
		return true
	})
	if closes != 1 {
		return nil
	}
	return wg
}

// wgCall is the local sync.WaitGroup variable whose method name the
// statement st calls (wg.Wait(), defer wg.Done()), or nil.
func (s *state) wgCall(st ast.Stmt, name string) *types.Var {
	var call *ast.CallExpr
	switch st := st.(type) {
	case *ast.ExprStmt:
		call, _ = astutil.Unparen(st.X).(*ast.CallExpr)
	case *ast.DeferStmt:
		call = st.Call
	}
	if call == nil || len(call.Args) != 0 {
		return nil
	}
	sel, ok := astutil.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok || sel.Sel.Name != name {
		return nil
	}
	v := identVar(s.info, sel.X)
	if v == nil || !isNamed(v.Type(), "sync", "WaitGroup") {
		return nil
	}
	return v
}

// allCounted reports whether every goroutine that sends on wc defers
// wg.Done() at the top of its body and calls Done nowhere else: while
// it waits to send, it has not called Done.
func (s *state) allCounted(wc *wchan, wg *types.Var) bool {
	senders := 0
	for _, side := range wc.sides {
		sends := false
		for _, u := range side.uses {
			if u.kind == uSend {
				sends = true
			}
		}
		if !sends {
			continue
		}
		senders++
		if side.ext != nil || side.body == nil {
			return false
		}
		deferred, other := false, false
		for _, st := range side.body.List {
			if s.wgCall(st, "Done") == wg {
				if _, ok := st.(*ast.DeferStmt); ok {
					deferred = true
				}
			}
		}
		ast.Inspect(side.body, func(n ast.Node) bool {
			if es, ok := n.(*ast.ExprStmt); ok && s.wgCall(es, "Done") == wg {
				other = true
			}
			return !other
		})
		if !deferred || other {
			return false
		}
	}
	return senders > 0
}
