package analyzer

import (
	"fmt"
	"go/ast"
	"go/types"
	"strings"
)

// chanParam is what a function does with one of its channel
// parameters, on every path: the summary a goroutine started with it
// in another package of the module stands on.
type chanParam struct {
	Index int
	// Sends is the most sends one run makes on it, -1 when unbounded;
	// Bare, that one of them waits outside any select.
	Sends int  `json:",omitempty"`
	Bare  bool `json:",omitempty"`
	// Waits is "range" when the function ranges over it until it is
	// closed, "recv" when it receives once outside any select.
	Waits string `json:",omitempty"`
	// Receives: it receives from it in any way.
	Receives bool `json:",omitempty"`
	// Closes: a deferred close, on every path.
	Closes bool `json:",omitempty"`
	// Skips is where the function returns without sending on it or
	// closing it (file:line), when it can.
	Skips string `json:",omitempty"`
}

func (c chanParam) String() string {
	var parts []string
	if c.Sends != 0 {
		n := fmt.Sprint(c.Sends)
		if c.Sends < 0 {
			n = "many"
		}
		parts = append(parts, "sends "+n)
	}
	if c.Waits != "" {
		parts = append(parts, c.Waits)
	}
	if c.Closes {
		parts = append(parts, "closes")
	}
	if c.Skips != "" {
		parts = append(parts, "skips at "+c.Skips)
	}
	return fmt.Sprintf("%d: %s", c.Index, strings.Join(parts, ", "))
}

// chanParams summarises what fi does with each of its channel
// parameters that it uses in ways the model follows.
func (s *state) chanParams(fi *funcInfo) []chanParam {
	if fi.decl == nil || fi.obj == nil || !fi.obj.Exported() {
		return nil // another package can start only what it can name
	}
	sig := fi.obj.Type().(*types.Signature)
	var out []chanParam
	for i := range sig.Params().Len() {
		p := sig.Params().At(i)
		if _, ok := under(p.Type()).(*types.Chan); !ok || (sig.Variadic() && i == sig.Params().Len()-1) {
			continue
		}
		side := &wside{fi: fi, body: fi.body}
		pc := &wchan{v: p, body: fi.body, owner: fi, param: true}
		s.paramUses(pc, side)
		if pc.opaque || len(side.uses) == 0 {
			continue
		}
		c := chanParam{Index: i}
		sendsOrCloses := false
		for _, u := range side.uses {
			switch u.kind {
			case uSend:
				c.Bare = c.Bare || u.bare()
				sendsOrCloses = true
			case uClose:
				c.Closes = c.Closes || u.defers
				sendsOrCloses = true
			case uRange:
				c.Receives = true
				if c.Waits == "" && !leavesRange(u.node.(*ast.RangeStmt)) {
					c.Waits = "range"
				}
			case uRecv:
				c.Receives = true
				if c.Waits == "" && u.bare() && u.loop == nil {
					c.Waits = "recv"
				}
			}
		}
		if n := s.maxSends(side); n == unbounded {
			c.Sends = -1
		} else {
			c.Sends = n
		}
		if sendsOrCloses && !c.Closes {
			f := s.newFlow(side.body, side.uses)
			answers := func(u *wuse) bool { return u.kind == uClose || u.kind == uSend }
			if exit, _, ok := f.reach(f.g.Blocks[0], -1, answers, nil); ok {
				c.Skips = s.where(exit)
			}
		}
		if c.Sends == 0 && c.Waits == "" && !c.Closes && c.Skips == "" {
			continue // nothing a witness stands on: the channel stays opaque
		}
		out = append(out, c)
	}
	return out
}

// extSide is the side of a goroutine started with a function of
// another package of the module, from its fact; nil without one.
func (s *state) extSide(wc *wchan, fn *types.Func, param int, call *ast.CallExpr, stack []ast.Node) *wside {
	if fn.Pkg() == nil || fn.Pkg() == s.pass.Pkg || !s.sameModule(fn.Pkg().Path()) {
		return nil
	}
	var fact blockingFact
	if !s.pass.ImportObjectFact(fn, &fact) {
		return nil
	}
	for i := range fact.Chans {
		c := &fact.Chans[i]
		if c.Index != param {
			continue
		}
		side := &wside{spawn: call.Pos(), many: inLoop(stack), ext: c, extName: qualifiedName(fn), call: call}
		holder := s.holderOf(stack)
		if holder == nil {
			holder = wc.owner // the go statement is in the owner's own body
		}
		// Stand-ins for what the function does, at the go statement.
		if c.Sends != 0 {
			u := &wuse{kind: uSend, node: call, fi: holder, side: side}
			if !c.Bare {
				u.clause = &ast.CommClause{} // in a select: not stuck
			}
			side.uses = append(side.uses, u)
		}
		if c.Closes || c.Skips != "" && c.Sends == 0 {
			side.uses = append(side.uses, &wuse{kind: uClose, node: call, fi: holder, side: side, defers: c.Closes})
		}
		switch c.Waits {
		case "range":
			side.uses = append(side.uses, &wuse{kind: uRange, node: call, fi: holder, side: side})
		case "recv":
			side.uses = append(side.uses, &wuse{kind: uRecv, node: call, fi: holder, side: side})
		default:
			if c.Receives {
				side.uses = append(side.uses, &wuse{kind: uRecv, node: call, fi: holder, side: side, clause: &ast.CommClause{}})
			}
		}
		return side
	}
	return nil
}
