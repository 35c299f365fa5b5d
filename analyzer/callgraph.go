package analyzer

import (
	"cmp"
	"go/token"
	"path/filepath"
	"slices"
	"strconv"
)

// step is how a function reaches a blocking operation of one family:
// the operation itself, or a call whose callee reaches it.
type step struct {
	dist int       // calls between the function and the operation
	pos  token.Pos // of the operation or the call
	op   *op       // set when the operation is in the function
	call *callSite // set otherwise
}

// summarize computes, for every function and every family, the closest
// blocking operation the function reaches through synchronous calls to
// functions that take no context: a breadth-first search backwards from
// the operations. Fewest calls wins, then the first in the source, so
// the result does not depend on visit order, and recursion ends because
// every function is settled once per family.
func (s *state) summarize() {
	callers := map[*funcInfo][]*callSite{}
	callerOf := map[*callSite]*funcInfo{}
	for _, fi := range s.funcs {
		fi.best = map[Family]*step{}
		for _, c := range fi.calls {
			if c.callee != nil && !c.callee.takesCtx {
				callers[c.callee] = append(callers[c.callee], c)
				callerOf[c] = fi
			}
		}
	}
	for _, fam := range Families {
		var queue []*funcInfo
		for _, fi := range s.funcs {
			var best *step
			for _, o := range fi.ops {
				if o.family == fam && !o.inert && (best == nil || o.pos < best.pos) {
					best = &step{pos: o.pos, op: o}
				}
			}
			for _, c := range fi.calls {
				if c.fact != nil && c.fact.op(fam) != nil && (best == nil || c.pos < best.pos) {
					best = &step{pos: c.pos, call: c}
				}
			}
			if best != nil {
				fi.best[fam] = best
				queue = append(queue, fi)
			}
		}
		for len(queue) > 0 {
			callee := queue[0]
			queue = queue[1:]
			d := callee.best[fam].dist + 1
			for _, c := range callers[callee] {
				caller := callerOf[c]
				cur := caller.best[fam]
				switch {
				case cur == nil:
					caller.best[fam] = &step{dist: d, pos: c.pos, call: c}
					queue = append(queue, caller)
				case cur.dist == d && c.pos < cur.pos:
					caller.best[fam] = &step{dist: d, pos: c.pos, call: c}
				}
			}
		}
	}
}

// exportFacts exports a fact for every function declaration that may
// block and takes no context, or does something the witness rules
// follow with a channel parameter. A main package is imported by
// nobody.
func (s *state) exportFacts() {
	if s.pass.Pkg.Name() == "main" {
		return
	}
	for _, fi := range s.funcs {
		if fi.obj == nil {
			continue
		}
		fact := &blockingFact{}
		if !fi.excluded {
			if s.cfg.enabled(Chan) {
				fact.Chans = s.chanParams(fi)
			}
			fact.Sinks = s.sinkParams(fi)
		}
		if !fi.takesCtx {
			for _, fam := range Families {
				if st := fi.best[fam]; st != nil {
					fact.Ops = append(fact.Ops, s.factOp(fi, fam))
				}
			}
		}
		if len(fact.Ops) == 0 && len(fact.Chans) == 0 && len(fact.Sinks) == 0 {
			continue
		}
		slices.SortFunc(fact.Ops, func(a, b factOp) int { return cmp.Compare(a.Family, b.Family) })
		s.pass.ExportObjectFact(fi.obj, fact)
	}
}

// factOp follows fi's chosen steps for fam down to the operation. Only
// the first steps are named (clip keeps maxVia-1 of them), so the walk
// names those and jumps to the chain's end, which is found once per
// function and family however many functions share it.
func (s *state) factOp(fi *funcInfo, fam Family) factOp {
	var via []string
	open := false
	for {
		countWork(1)
		st := fi.best[fam]
		if fam == Sleep && !open && fi.body != nil {
			open = s.openLoopAt(fi.body, st.pos) || st.op != nil && loopNode(st.op.node)
		}
		switch {
		case st.op != nil:
			return factOp{Family: fam, What: st.op.what, Alt: st.op.alt, Where: s.where(st.op.pos), Via: clip(via), Open: open}
		case st.call.callee != nil:
			if len(via) > maxVia {
				// via will be clipped whatever follows: only the
				// chain's last step matters now.
				fi = s.chainEnd(fi, fam)
				continue
			}
			fi = st.call.callee
			via = append(via, fi.name)
		default:
			ext := st.call.fact.op(fam)
			via = append(via, qualifiedName(st.call.ext))
			return factOp{Family: fam, What: ext.What, Alt: ext.Alt, Where: ext.Where, Via: clip(append(via, ext.Via...)), Open: open || ext.Open}
		}
	}
}

// chainEnd is the last function of fi's chain of chosen steps for fam:
// the one whose step is the operation itself, or a call into another
// package. Steps get closer to the operation at each call, so chains
// have no cycles; every function on the way remembers the end.
func (s *state) chainEnd(fi *funcInfo, fam Family) *funcInfo {
	x := s.idx()
	if x.chainEnds == nil {
		x.chainEnds = map[famKey]*funcInfo{}
	}
	var path []*funcInfo
	end := fi
	for {
		countWork(1)
		if e := x.chainEnds[famKey{end, fam}]; e != nil {
			end = e
			break
		}
		st := end.best[fam]
		if st.op != nil || st.call.callee == nil {
			break
		}
		path = append(path, end)
		end = st.call.callee
	}
	for _, f := range path {
		x.chainEnds[famKey{f, fam}] = end
	}
	return end
}

// famKey is a function and a rule family.
type famKey struct {
	fi  *funcInfo
	fam Family
}

func clip(via []string) []string {
	if len(via) > maxVia {
		via = append(via[:maxVia-1:maxVia-1], "...")
	}
	return via
}

// where is a short, stable position: file base name and line.
func (s *state) where(pos token.Pos) string {
	p := s.pass.Fset.Position(pos)
	return filepath.Base(p.Filename) + ":" + strconv.Itoa(p.Line)
}
