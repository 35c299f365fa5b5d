package analyzer

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/astutil"
)

// A send under a lock that its receiver needs: a function sends on an
// unbuffered channel field while it holds a mutex, and the loop that
// receives from that field locks the same mutex in its body. When the
// loop is at that Lock, it waits for the sender's lock, and the sender
// waits for the loop to receive: neither moves again. The witness is the
// loop's Lock. Two read locks do not wait for each other, and make no
// finding; neither does a field with a receiver that takes no lock, or
// a receive outside a loop, which may answer the send instead.

// lockUse is a Lock or RLock of a mutex field.
type lockUse struct {
	mu    *types.Var // the mutex field (or the embedded one)
	write bool       // Lock, not RLock
	pos   token.Pos
}

// lockOf reads a call statement as a lock of a mutex field.
func (s *state) lockOf(call *ast.CallExpr) (lockUse, bool) {
	sel, ok := astutil.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return lockUse{}, false
	}
	fn := staticCallee(s.info, call)
	if fn == nil {
		return lockUse{}, false
	}
	var write bool
	switch fn.FullName() {
	case "(*sync.Mutex).Lock", "(*sync.RWMutex).Lock":
		write = true
	case "(*sync.RWMutex).RLock":
	default:
		return lockUse{}, false
	}
	if mu := fieldOf(s.info, sel.X); mu != nil {
		return lockUse{mu, write, call.Pos()}, true
	}
	// x.Lock() with the mutex embedded in x's struct.
	if sl := s.info.Selections[sel]; sl != nil && len(sl.Index()) > 1 {
		t := sl.Recv()
		if p, ok := t.Underlying().(*types.Pointer); ok {
			t = p.Elem()
		}
		if st, ok := t.Underlying().(*types.Struct); ok && sl.Index()[0] < st.NumFields() {
			return lockUse{st.Field(sl.Index()[0]), write, call.Pos()}, true
		}
	}
	return lockUse{}, false
}

// lockedSends reports the sends on fc made with a lock held that a loop
// receiving from fc takes in its body.
func (s *state) lockedSends(fc *fieldChan) {
	// The locks each receiving loop takes.
	type loopLocks struct {
		fi    *funcInfo
		locks []lockUse
	}
	var loops []loopLocks
	for _, fu := range fc.uses {
		if (fu.u.kind != uRecv && fu.u.kind != uRange) || fu.fi == nil || fu.u.loop == nil {
			continue
		}
		var locks []lockUse
		ast.Inspect(fu.u.loop, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FuncLit:
				return false
			case *ast.CallExpr:
				if l, ok := s.lockOf(n); ok {
					locks = append(locks, l)
				}
			}
			return true
		})
		if len(locks) == 0 {
			// Another receiver that never takes a lock may answer the
			// send: no witness.
			return
		}
		loops = append(loops, loopLocks{fu.fi, locks})
	}
	if len(loops) == 0 {
		return
	}
	for _, fu := range fc.uses {
		if (fu.u.kind == uRecv || fu.u.kind == uRange) && fu.u.loop == nil {
			return // a receive outside a loop may come at any time
		}
	}
	for _, fu := range fc.uses {
		if fu.u.kind != uSend || !fu.u.bare() || fu.fi == nil {
			continue
		}
		send, ok := fu.u.node.(*ast.SendStmt)
		if !ok {
			continue
		}
		for _, r := range fu.fi.regions {
			if r.kind != kindLock || !r.contains(send.Pos()) {
				continue
			}
			held, ok := s.lockAt(fu.fi, r.pos)
			if !ok {
				continue
			}
			// Every receiving loop, the sender's own excepted, takes
			// the lock: whichever one would answer waits for it.
			var witness *lockUse
			var at *funcInfo
			all := true
			for _, ll := range loops {
				if ll.fi == fu.fi {
					all = false // the sender's own loop: a conversation
					break
				}
				var match *lockUse
				for i, l := range ll.locks {
					if l.mu == held.mu && (l.write || held.write) {
						match = &ll.locks[i]
						break
					}
				}
				if match == nil {
					all = false
					break
				}
				if witness == nil {
					witness, at = match, ll.fi
				}
			}
			if all && witness != nil {
				s.reportLockedSend(fc, fu.fi, send, r, at, *witness)
				break
			}
		}
	}
}

// lockAt is the lock taken by the call statement at pos in fi.
func (s *state) lockAt(fi *funcInfo, pos token.Pos) (lockUse, bool) {
	var out lockUse
	found := false
	ast.Inspect(fi.body, func(n ast.Node) bool {
		if found {
			return false
		}
		if es, ok := n.(*ast.ExprStmt); ok && es.Pos() == pos {
			if call, ok := astutil.Unparen(es.X).(*ast.CallExpr); ok {
				out, found = s.lockOf(call)
			}
			return false
		}
		return n == nil || n.Pos() <= pos && pos < n.End()
	})
	return out, found
}

func (s *state) reportLockedSend(fc *fieldChan, sender *funcInfo, send *ast.SendStmt, r *region, loop *funcInfo, l lockUse) {
	written := types.ExprString(send.Chan)
	loopName := loop.displayName()
	alt := "release " + r.lock + " before sending, or give " + fc.f.Name() + " a buffer the loop drains"
	msg := fmt.Sprintf("send on %s while %s is held in %s blocks forever once the loop in %s waits for that lock (%s): it cannot receive until the lock is released: %s",
		written, r.lock, sender.displayName(), loopName, s.where(l.pos), alt)
	sender.ops = append(sender.ops, &op{pos: send.Pos(), node: send, family: Chan, what: "send on " + written, alt: alt, inert: true, msg: msg,
		related: []analysis.RelatedInformation{
			{Pos: r.pos, Message: r.lock + " is locked here"},
			{Pos: l.pos, Message: "the loop in " + loopName + " locks it here, before it receives from " + fc.f.Name() + " again"},
		}})
}
