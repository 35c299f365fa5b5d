package analyzer

import (
	"fmt"
	"strings"
)

// blockingFact is exported for a function of the analysed package that
// may block without a way out and does not take a context, so that a
// caller in another package inherits the blocking. A function that
// takes a context has promised to honour it and is judged as an entry
// point in its own package instead.
//
// The fact holds one operation per rule family, the one closest to the
// function (fewest calls away, then first in the source), so its size
// is bounded by the number of families and does not depend on the
// order in which functions are visited.
type blockingFact struct {
	Ops []factOp // sorted by family, at most one per family
	// Chans says what the function does with its channel parameters,
	// so that a goroutine another package starts with it is a side
	// the witness rules can judge (chanfacts.go).
	Chans []chanParam `json:",omitempty"`
	// Sinks are the parameters it sends (an *http.Request, to
	// Client.Do or RoundTrip) or runs (an *exec.Cmd): a request or
	// command built without a context and passed to it is sent or run
	// without one (sinks.go).
	Sinks []sinkParam `json:",omitempty"`
}

// factOp is one blocking operation a function reaches.
type factOp struct {
	Family Family
	What   string   // the operation, e.g. "time.Sleep" or "send on w.out"
	Alt    string   // the alternative the message suggests
	Where  string   // file base name and line of the operation
	Via    []string // functions between the fact's function and the operation, outermost first
	Open   bool     // the operation is in an open loop (see openLoopAt) on the way
}

// maxVia bounds the recorded path, so facts stay small on deep chains.
const maxVia = 4

func (*blockingFact) AFact() {}

func (f *blockingFact) String() string {
	parts := make([]string, len(f.Ops))
	for i, op := range f.Ops {
		parts[i] = fmt.Sprintf("%s: %s", op.Family, op.What)
		if len(op.Via) > 0 {
			parts[i] += " via " + strings.Join(op.Via, " -> ")
		}
	}
	out := ""
	if len(f.Ops) > 0 {
		out = "blocks(" + strings.Join(parts, "; ") + ")"
	}
	if len(f.Chans) > 0 {
		cs := make([]string, len(f.Chans))
		for i, c := range f.Chans {
			cs[i] = c.String()
		}
		out = strings.TrimSpace(out + " chans(" + strings.Join(cs, "; ") + ")")
	}
	if len(f.Sinks) > 0 {
		ss := make([]string, len(f.Sinks))
		for i, k := range f.Sinks {
			ss[i] = fmt.Sprintf("%d: %s", k.Index, k.Kind)
		}
		out = strings.TrimSpace(out + " sinks(" + strings.Join(ss, "; ") + ")")
	}
	return out
}

// op returns the fact's operation of family f, or nil.
func (f *blockingFact) op(fam Family) *factOp {
	for i := range f.Ops {
		if f.Ops[i].Family == fam {
			return &f.Ops[i]
		}
	}
	return nil
}

// key identifies the operation, so that it is reported once however
// many calls reach it.
func (op *factOp) key() string {
	last := ""
	if len(op.Via) > 0 {
		last = op.Via[len(op.Via)-1]
	}
	return string(op.Family) + "|" + op.What + "|" + op.Where + "|" + last
}

// describe says where the operation is, for messages: "time.Sleep
// at sleep.go:12 via store.wait".
func (op *factOp) describe() string {
	s := op.What + " at " + op.Where
	if len(op.Via) > 0 {
		s += " via " + strings.Join(op.Via, ", ")
	}
	return s
}
