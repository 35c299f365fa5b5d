package analyzer

import (
	"cmp"
	"fmt"
	"go/token"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// link is one hop of the path from an entry point to an operation:
// the entry itself, then one call per hop.
type link struct {
	pos  token.Pos
	msg  string
	fn   *funcInfo // the function this hop enters
	prev *link
}

// reporter walks from the entry points and reports each blocking
// operation once, with the path from the first entry point that
// reaches it.
type reporter struct {
	s        *state
	reported map[token.Pos]bool
	visited  map[*funcInfo]bool
	// edits are the edits of the fixes reported so far (disjoint).
	edits []analysis.TextEdit
	// reportedExt holds the operations of other packages already
	// reported: each is reported once, at the first call that reaches
	// it, however many calls do.
	reportedExt map[string]bool
}

// report walks every entry point, in a fixed order: event loops and
// critical sections first (their message says most), then entry points
// with a context at hand, then the others; by position within each.
// Operations that are findings wherever they are come last.
func (s *state) report() {
	rp := &reporter{s: s, reported: map[token.Pos]bool{}, visited: map[*funcInfo]bool{}, reportedExt: map[string]bool{}}
	var regions []*root
	for _, fi := range s.funcs {
		for _, r := range fi.regions {
			regions = append(regions, &root{kind: r.kind, pos: r.pos, fn: fi, region: r})
		}
	}
	slices.SortStableFunc(regions, func(a, b *root) int {
		return cmp.Or(cmp.Compare(a.kind, b.kind), cmp.Compare(a.region.start, b.region.start))
	})
	roots := slices.Clone(s.roots)
	slices.SortStableFunc(roots, func(a, b *root) int {
		return cmp.Or(-cmpBool(a.full(), b.full()), cmp.Compare(a.pos, b.pos))
	})
	for _, r := range append(regions, roots...) {
		rp.walk(r)
	}
	for _, fi := range s.funcs {
		if fi.excluded {
			continue
		}
		for _, o := range fi.ops {
			if o.msg != "" && !rp.reported[o.pos] {
				rp.emit(o, &link{fn: fi}, nil)
			}
		}
	}
	for _, d := range s.directives.bad {
		s.pass.Report(analysis.Diagnostic{Pos: d.pos, Category: "directive",
			Message: "blockcheck:ignore needs a reason: write //blockcheck:ignore followed by why the finding does not apply"})
	}
	for _, d := range s.directives.spaced {
		if s.excludedAt(d.pos) {
			continue
		}
		name := strings.TrimPrefix(d.reason, "//")
		s.pass.Report(analysis.Diagnostic{Pos: d.pos, Category: "directive",
			Message: "// " + name + " is not a directive: write " + d.reason + " without a space"})
	}
}

// disjoint keeps fixes only when none of their edits overlaps an edit
// of a fix already reported (a sleep rewritten as a whole statement and
// the request inside it): drivers that apply every fix at once, such as
// golangci-lint, may give up on a file whose fixes overlap. An edit
// identical to one already reported (an import, a parameter two
// threading fixes share) is no overlap.
func (rp *reporter) disjoint(fixes []analysis.SuggestedFix) []analysis.SuggestedFix {
	if len(fixes) == 0 {
		return nil
	}
	// rp.edits is sorted by position, and its edits do not overlap
	// (identical ones aside): the neighbours of a new edit are the only
	// ones it can overlap.
	for _, f := range fixes {
		for _, e := range f.TextEdits {
			i, _ := slices.BinarySearchFunc(rp.edits, e.Pos, func(t analysis.TextEdit, p token.Pos) int { return cmp.Compare(t.Pos, p) })
			for _, j := range []int{i - 1, i} {
				if j < 0 || j >= len(rp.edits) {
					continue
				}
				t := rp.edits[j]
				same := t.Pos == e.Pos && t.End == e.End && string(t.NewText) == string(e.NewText)
				if !same && (e.Pos < t.End && t.Pos < e.End || e.Pos == t.Pos) {
					return nil
				}
			}
		}
	}
	for _, f := range fixes {
		for _, e := range f.TextEdits {
			i, _ := slices.BinarySearchFunc(rp.edits, e.Pos, func(t analysis.TextEdit, p token.Pos) int { return cmp.Compare(t.Pos, p) })
			rp.edits = slices.Insert(rp.edits, i, e)
		}
	}
	return fixes
}

// appositive closes a description that opens a clause ("Load, which
// takes a context") with a comma, so a sentence can go on after it.
func appositive(desc string) string {
	if strings.Contains(desc, ", which") || strings.Contains(desc, ", where") {
		return desc + ","
	}
	return desc
}

func cmpBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}

// full reports whether every family counts from this entry point:
// a context is at hand, or the region stalls others whatever it
// waits for. Elsewhere a channel operation on a shared channel is how
// goroutines talk, not a finding.
// waitsOnCtx reports whether the root is an entry point because it
// takes a context (or a request, or an RPC's): where that context is
// nil, nothing is cancellable.
func (r *root) waitsOnCtx() bool {
	switch r.kind {
	case kindCtx, kindHandler, kindGRPC, kindStream, kindLocalCtx:
		return true
	}
	return false
}

func (r *root) full() bool {
	if r.region != nil || r.kind == kindDirective {
		return true
	}
	if r.fn != nil {
		return r.fn.hasCtx
	}
	return r.spawnedIn != nil && r.spawnedIn.hasCtx
}

func (rp *reporter) walk(r *root) {
	if r.ext != nil {
		if fop := rp.eligibleFact(r.fact, r); fop != nil && !rp.reportedExt[fop.key()] && !spawnedPause(fop, r) {
			rp.emitSpawnedExt(r, fop)
		}
		return
	}
	if r.region == nil {
		if rp.visited[r.fn] {
			return
		}
		rp.visited[r.fn] = true
	}
	start := &link{pos: r.pos, msg: r.entryNote(), fn: r.fn}
	if r.server != nil {
		// The path starts at what makes main long-running.
		start.prev = &link{pos: r.server.pos, msg: r.server.note()}
	}
	queue := []*link{start}
	for len(queue) > 0 {
		l := queue[0]
		queue = queue[1:]
		rp.s.current = l.fn
		var reg *region
		if l == start {
			reg = r.region
		}
		ops, calls := l.fn.ops, l.fn.calls
		if reg != nil {
			// A region is a stretch of its function: only what is
			// written there counts, and a function may have many.
			ops, calls = l.fn.opsIn(reg.start, reg.end), l.fn.callsIn(reg.start, reg.end)
		}
		countWork(len(ops) + len(calls))
		for _, o := range ops {
			if r.kind == kindLock && o.releasesLock {
				continue
			}
			if r.kind == kindStop && o.family != Sleep {
				continue
			}
			if l.fn.watchesCtx && o.family != Chan && o.family != ChanAudit && r.kind != kindLock && r.kind != kindEventLoop {
				continue // a watcher goroutine interrupts it when the context is done
			}
			if reg != nil && reg.servedBy(o.node) {
				continue
			}
			if r.waitsOnCtx() && rp.s.inNilCtx(o.pos) {
				continue // no context there to honour
			}
			if r.waitsOnCtx() && o.family == Sleep && boundedWait(o.what) && rp.s.afterDone(l.fn, o.pos) {
				continue // a bounded wait once the context has ended
			}
			if o.msg == "" && rp.nothingToHonour(o.family, o.what, o.pos, o.node, l, r) {
				continue
			}
			if reg.contains(o.pos) && !rp.reported[o.pos] && (r.full() || !(o.needsCtx || o.ctxOnly)) && (!o.ctxOnly || (l.fn == r.fn && r.kind != kindLocalCtx)) {
				rp.emit(o, l, r)
			}
		}
		for _, c := range calls {
			if !reg.contains(c.pos) || (r.waitsOnCtx() && rp.s.inNilCtx(c.pos)) || r.kind == kindStop {
				continue
			}
			switch {
			case c.callee != nil:
				// A callee that takes a context is an entry point of
				// its own, judged with its own name; inside a region
				// the region's message matters more.
				if rp.visited[c.callee] || (c.callee.takesCtx && (r.region == nil || r.kind == kindLocalCtx)) || (r.kind == kindLock && c.callee.unlocks) {
					continue
				}
				rp.visited[c.callee] = true
				queue = append(queue, &link{pos: c.pos, msg: "calls " + c.callee.displayName(), fn: c.callee, prev: l})
			default:
				if fop := rp.eligibleFact(c.fact, r); fop != nil && !rp.reportedExt[fop.key()] && !((!fop.Open || ctxOnlyWait(fop.Family)) && rp.nothingToHonour(fop.Family, fop.What, c.pos, c.call, l, r)) {
					rp.emitExt(c, fop, l, r)
				}
			}
		}
	}
}

// eligibleFact is the fact's first operation that counts from r.
func (rp *reporter) eligibleFact(f *blockingFact, r *root) *factOp {
	for i := range f.Ops {
		if r.kind == kindLock && f.Ops[i].What == "(*sync.Cond).Wait" {
			continue // it unlocks while it waits
		}
		if f.Ops[i].Family != ChanAudit || r.full() {
			return &f.Ops[i]
		}
	}
	return nil
}

// chain lists the path's hops, entry point first, and the functions
// it passes through.
func (l *link) chain() ([]analysis.RelatedInformation, []*funcInfo) {
	var rel []analysis.RelatedInformation
	var fns []*funcInfo
	for ; l != nil; l = l.prev {
		fns = append(fns, l.fn)
		if l.pos.IsValid() {
			rel = append(rel, analysis.RelatedInformation{Pos: l.pos, Message: l.msg})
		}
	}
	slices.Reverse(rel)
	return rel, fns
}

// emit reports an operation written in this package.
func (rp *reporter) emit(o *op, l *link, r *root) {
	rp.reported[o.pos] = true
	related, fns := l.chain()
	if r != nil && r.spawnedIn != nil {
		fns = append(fns, r.spawnedIn)
	}
	if rp.s.excludedAt(o.pos) || rp.s.directives.suppressed(o.pos, fns) {
		return
	}
	fixes := rp.s.fixes(o, l.fn)
	if len(fixes) == 0 && o.msg == "" && l.prev != nil && !l.fn.hasCtx {
		fixes = rp.s.threadFix(o, l)
	}
	// The alternative names the context in scope at the operation, as
	// its fix does: r.Context() in a handler that has no ctx.
	alt := withCtx(o.alt, rp.s.ctxText(l.fn, o.pos))
	if l.fn.ctxVar == nil && l.fn.stopVar == nil && rp.s.fieldCtx(l.fn, o.pos) == "" && strings.Contains(alt, "ctx.Done()") {
		// No context: the goroutine's own way out, where it has one.
		if done, _ := rp.s.wayOut(o, l.fn); done != "" {
			alt = strings.ReplaceAll(alt, "ctx.Done()", done)
		} else if r != nil && r.kind == kindEventLoop && r.fn.ctxVar == nil {
			alt = strings.ReplaceAll(alt, "ctx.Done()", "the loop's quit channel")
		} else if r != nil && spawnKind(r.kind) && !r.full() && !chainHasCtx(l) {
			alt = strings.ReplaceAll(alt, "ctx.Done()", "a quit channel (or a context's Done) given to the goroutine")
		}
	}
	category := o.family
	var msg string
	switch {
	case o.msg != "":
		msg = o.msg
	case r.kind == kindEventLoop:
		category = EventLoop
		if o.family == ChanAudit {
			alt = "select on it together with the loop's quit channel, or hand it to a goroutine"
		}
		msg = fmt.Sprintf("%s in %s stalls every other case, the quit case included: %s", rp.where(o, l, r), r.describe(), alt)
	case r.kind == kindLock:
		category = Sync
		msg = fmt.Sprintf("%s while %s is held in %s makes every goroutine that needs the lock wait too: release the lock before blocking", rp.where(o, l, r), r.region.lock, r.fn.topName())
		if len(fixes) > 0 {
			// The fix makes the wait cancellable where it is; it cannot
			// move it out of the critical section.
			msg += ", or at least " + alt + " (the suggested fix, which keeps the lock)"
			for i := range fixes {
				fixes[i].Message += ", keeping the lock"
			}
		}
	default:
		verb := "ignores cancellation"
		if o.needsCtx {
			verb = "can block forever"
		}
		if l.fn != r.fn && r.full() && !l.fn.hasCtx {
			alt = "pass a context to " + l.fn.displayName() + " and " + alt
		}
		if r.kind == kindStop {
			alt = "wait in a select on " + r.fn.stopVar.Name() + " and a timer"
		}
		subject := o.what + " in " + appositive(r.describe())
		if l.fn != r.fn {
			subject = o.what + " in " + l.fn.displayName() + ", reached from " + r.describe() + ","
		}
		msg = fmt.Sprintf("%s %s: %s", subject, verb, alt)
	}
	d := analysis.Diagnostic{Pos: o.pos, End: o.node.End(), Category: string(category), Message: msg, Related: append(related, o.related...)}
	d.SuggestedFixes = rp.disjoint(fixes)
	rp.s.pass.Report(d)
}

// where names the operation, and the function it is in when that is
// not the entry point itself.
func (rp *reporter) where(o *op, l *link, r *root) string {
	if l.fn == r.fn {
		return o.what
	}
	return o.what + " in " + l.fn.displayName()
}

// emitExt reports a call, from this package, to another package's
// function that blocks.
func (rp *reporter) emitExt(c *callSite, fop *factOp, l *link, r *root) {
	rp.reportedExt[fop.key()] = true
	related, fns := l.chain()
	if rp.s.excludedAt(c.pos) || rp.s.directives.suppressed(c.pos, fns) {
		return
	}
	name := qualifiedName(c.ext)
	related = append(related, analysis.RelatedInformation{Pos: c.ext.Pos(), Message: name + " blocks in " + fop.describe()})
	call := "call to " + name
	if l.fn != r.fn {
		call += " in " + l.fn.displayName()
	}
	// A twin that takes a context, in the callee's package: the fix
	// calls it.
	ctx := rp.s.usableCtx(l.fn, c.pos)
	var fixes []analysis.SuggestedFix
	if ctx != "" {
		fixes = rp.s.twinCallFix(c.call, c.ext, ctx)
	}
	offloaded := false
	if len(fixes) == 0 && ctx != "" && r.kind != kindEventLoop && r.kind != kindLock && fop.Family != ChanAudit {
		// No twin: wait for the call in a goroutine.
		fixes = rp.s.offloadFix(&op{pos: c.pos, node: c.call, call: c.call}, l.fn, ctx)
		offloaded = len(fixes) > 0
	}
	category := fop.Family
	var msg string
	switch r.kind {
	case kindEventLoop:
		category = EventLoop
		msg = fmt.Sprintf("%s blocks in %s and stalls every other case of the event loop in %s, the quit case included: %s", call, fop.What, r.fn.topName(), extAlt(name, fop, true))
	case kindLock:
		category = Sync
		msg = fmt.Sprintf("%s blocks in %s while %s is held in %s: release the lock before blocking", call, fop.What, r.region.lock, r.fn.topName())
	default:
		where := " in " + appositive(r.describe())
		if l.fn != r.fn {
			where = ", reached from " + r.describe() + ","
		}
		verb := "ignores cancellation"
		if fop.Family == ChanAudit {
			verb = "can block forever"
		}
		alt := extAlt(name, fop, false)
		switch {
		case offloaded:
			alt += ", or at least wait for it in a goroutine and stop waiting when " + ctx + " is done (the suggested fix; the call keeps running)"
		case len(fixes) > 0:
			alt = "call its twin " + c.ext.Name() + "Context with " + ctx
		}
		msg = fmt.Sprintf("%s%s blocks in %s, which %s: %s", call, where, fop.What, verb, alt)
	}
	d := analysis.Diagnostic{Pos: c.pos, End: c.call.End(), Category: string(category), Message: msg, Related: related, SuggestedFixes: rp.disjoint(fixes)}
	rp.s.pass.Report(d)
}

// extAlt is the remedy for a call into a function that blocks: give it
// a context to honour (or, in an event loop, move it off the loop).
func extAlt(name string, fop *factOp, loop bool) string {
	switch {
	case fop.Family == Syscall:
		return "move the call to " + name + " off the cancellable path, since a blocking system call cannot be cancelled"
	case loop:
		return "give " + name + " the loop's context, or hand the call to a goroutine"
	}
	return "give " + name + " a context and " + fop.Alt
}

// emitSpawnedExt reports a go statement (or errgroup.Go...) that runs
// another package's function that blocks.
func (rp *reporter) emitSpawnedExt(r *root, fop *factOp) {
	rp.reportedExt[fop.key()] = true
	if rp.s.excludedAt(r.pos) || rp.s.directives.suppressed(r.pos, []*funcInfo{r.spawnedIn}) {
		return
	}
	name := qualifiedName(r.ext)
	var related []analysis.RelatedInformation
	if r.server != nil {
		related = append(related, analysis.RelatedInformation{Pos: r.server.pos, Message: r.server.note()})
	}
	related = append(related, analysis.RelatedInformation{Pos: r.ext.Pos(), Message: name + " blocks in " + fop.describe()})
	rp.s.pass.Report(analysis.Diagnostic{
		Pos: r.pos, Category: string(fop.Family),
		Message: fmt.Sprintf("%s runs %s, which blocks in %s and cannot be cancelled: %s", r.describe(), name, fop.What, extAlt(name, fop, false)),
		Related: related,
	})
}
