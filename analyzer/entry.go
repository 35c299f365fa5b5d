package analyzer

import (
	"go/token"
	"go/types"
	"slices"
)

// entryKind says why a function (or a region of one) is
// latency-sensitive: who is waiting for it, or who cannot stop it.
type entryKind int

const (
	kindNone             entryKind = iota
	kindGo                         // a go statement
	kindErrgroup                   // (*errgroup.Group).Go or TryGo
	kindWaitGroupGo                // (*sync.WaitGroup).Go
	kindAfterFunc                  // time.AfterFunc
	kindContextAfterFunc           // context.AfterFunc
	kindHandler                    // func(http.ResponseWriter, *http.Request), ServeHTTP
	kindGRPC                       // (ctx, *Req) (*Resp, error) method
	kindStream                     // method taking a streaming RPC server
	kindCtx                        // any function taking a context or a request
	kindDirective                  // //blockcheck:entry or the -entry flag
	kindEventLoop                  // the case bodies of a for-select loop
	kindLock                       // statements run with a mutex held
	kindMain                       // a goroutine or callback started in main of a long-running program
	kindLocalCtx                   // the statements of a function in the scope of a context variable it made
	kindStop                       // a function taking a stop channel (<-chan struct{}): its own sleeps and timer waits
)

// root is one entry point: a function body, or (for event loops and
// locks) a region of one, or a function of another package started
// as a goroutine.
type root struct {
	kind      entryKind
	pos       token.Pos // what makes it an entry: the go statement, the function's name
	fn        *funcInfo
	region    *region
	spawnedIn *funcInfo // for spawns, the function with the go statement
	ext       *types.Func
	fact      *blockingFact
	// via is how a kindMain root was started: kindGo, kindErrgroup...
	via entryKind
	// server is what makes main long-running, for kindMain roots.
	server *mainServer
	// byFlag: a kindDirective root named by the entry setting rather
	// than marked by a directive.
	byFlag bool
}

// spawnerKind says whether the function named full starts its argument
// number arg as a goroutine or a callback. Matched by full name, so
// there is no dependency on golang.org/x/sync.
func spawnerKind(full string) (entryKind, int) {
	switch full {
	case "(*golang.org/x/sync/errgroup.Group).Go", "(*golang.org/x/sync/errgroup.Group).TryGo":
		return kindErrgroup, 0
	case "(*sync.WaitGroup).Go":
		return kindWaitGroupGo, 0
	case "time.AfterFunc":
		return kindAfterFunc, 1
	case "context.AfterFunc":
		return kindContextAfterFunc, 1
	}
	return kindNone, 0
}

// signatureRoots adds every function whose parameters make it an
// entry point, and those named by a directive or the -entry flag.
func (s *state) signatureRoots() {
	for _, fi := range s.funcs {
		if fi.excluded {
			continue
		}
		if k := s.signatureKind(fi); k != kindNone {
			r := &root{kind: k, pos: fi.namePos(), fn: fi}
			r.byFlag = k == kindDirective && !s.directives.entry[fi.decl]
			s.roots = append(s.roots, r)
		} else if fi.stopVar != nil && !fi.hasCtx && fi.body != nil {
			// A stop channel is at hand: a sleep that does not
			// wait on it too ignores cancellation. Only the
			// function's own sleeps and timer waits count.
			s.roots = append(s.roots, &root{kind: kindStop, pos: fi.namePos(), fn: fi,
				region: &region{kind: kindStop, pos: fi.namePos(), start: fi.body.Pos(), end: fi.body.End()}})
		} else if v := fi.localCtx; v != nil && v.Parent() != nil {
			// A context is at hand although none was passed in
			// (ctx := g.Context(), ctx := s.ctx): what the function
			// does in its scope could have honoured it.
			from := fi.localCtxFrom
			s.roots = append(s.roots, &root{kind: kindLocalCtx, pos: from, fn: fi,
				region: &region{kind: kindLocalCtx, pos: from, start: from, end: v.Parent().End()}})
		} else if fi.ctxField != nil && fi.body != nil {
			// The receiver keeps a context that can end (c.ctx): what
			// the method does could have honoured it.
			s.roots = append(s.roots, &root{kind: kindLocalCtx, pos: fi.namePos(), fn: fi,
				region: &region{kind: kindLocalCtx, pos: fi.namePos(), start: fi.body.Pos(), end: fi.body.End()}})
		}
	}
}

func (fi *funcInfo) namePos() token.Pos {
	if fi.decl != nil {
		return fi.decl.Name.Pos()
	}
	return fi.lit.Pos()
}

func (s *state) signatureKind(fi *funcInfo) entryKind {
	if fi.decl != nil && (s.directives.entry[fi.decl] || slices.Contains(s.cfg.Entries, fi.obj.FullName())) {
		return kindDirective
	}
	if !fi.takesCtx {
		return kindNone
	}
	var sig *types.Signature
	if fi.obj != nil {
		sig = fi.obj.Type().(*types.Signature)
	} else if t, ok := s.info.TypeOf(fi.lit).(*types.Signature); ok {
		sig = t
	} else {
		return kindCtx
	}
	params, results := sig.Params(), sig.Results()
	switch {
	case params.Len() == 2 && isResponseWriter(params.At(0).Type()) && isHTTPRequest(params.At(1).Type()):
		return kindHandler
	case sig.Recv() != nil && params.Len() == 2 && isNamed(params.At(0).Type(), "context", "Context") &&
		isPointer(params.At(1).Type()) && results.Len() == 2 && isPointer(results.At(0).Type()) &&
		types.Identical(results.At(1).Type(), types.Universe.Lookup("error").Type()):
		return kindGRPC
	case sig.Recv() != nil && params.Len() >= 1 && isStream(params.At(params.Len()-1).Type()) && results.Len() == 1:
		return kindStream
	}
	return kindCtx
}

func isPointer(t types.Type) bool {
	_, ok := t.(*types.Pointer)
	return ok
}

// describe names the entry point for messages: "HTTP handler
// (*Server).orders", "the goroutine started in Run", "HTTP handler
// (func literal in Routes)".
func (r *root) describe() string {
	switch r.kind {
	case kindGo, kindErrgroup, kindWaitGroupGo, kindAfterFunc, kindContextAfterFunc:
		return r.spawnDesc(r.kind, r.spawnedIn.topName())
	case kindMain:
		return r.spawnDesc(r.via, "main of "+r.server.of)
	case kindHandler:
		return r.fn.kindName("HTTP handler")
	case kindGRPC:
		return r.fn.kindName("gRPC method")
	case kindStream:
		return r.fn.kindName("streaming RPC method")
	case kindCtx:
		return r.fn.displayName() + ", which takes a context"
	case kindLocalCtx:
		return r.fn.displayName() + ", where the context " + r.fn.ctxName() + " is at hand"
	case kindStop:
		return r.fn.displayName() + ", which takes the stop channel " + r.fn.stopVar.Name()
	case kindDirective:
		return r.fn.kindName("entry point")
	case kindEventLoop:
		return "a case of the event loop in " + r.fn.topName()
	case kindLock:
		return r.fn.topName()
	}
	return r.fn.displayName()
}

// spawnDesc names a goroutine or callback started by a spawn of kind k
// written in the function named in.
func (r *root) spawnDesc(k entryKind, in string) string {
	switch k {
	case kindErrgroup:
		return "the errgroup goroutine started in " + in
	case kindWaitGroupGo:
		return "the WaitGroup goroutine started in " + in
	case kindAfterFunc:
		return "the time.AfterFunc callback set in " + in
	case kindContextAfterFunc:
		return "the context.AfterFunc callback set in " + in
	}
	if r.fn != nil && r.fn.lit == nil {
		return "the goroutine " + r.fn.name + " started in " + in
	}
	return "the goroutine started in " + in
}

// kindName is a function named after what it is: "HTTP handler
// (*Server).orders", and for a literal, whose name is a description of
// its own, "HTTP handler (func literal in Routes)".
func (fi *funcInfo) kindName(kind string) string {
	if fi.lit != nil {
		return kind + " (" + fi.name + ")"
	}
	return kind + " " + fi.name
}

// entryNote is the Related message at the entry point itself. It says
// what the position is, without the word the description may already
// hold ("entry point").
func (r *root) entryNote() string {
	k := r.kind
	if k == kindMain {
		k = r.via
	}
	switch k {
	case kindGo, kindErrgroup, kindWaitGroupGo:
		return "goroutine started here"
	case kindAfterFunc, kindContextAfterFunc:
		return "callback set here"
	case kindEventLoop:
		return "event loop select"
	case kindLock:
		return r.region.lock + " locked here"
	case kindLocalCtx:
		return "the context " + r.fn.ctxName() + " is at hand from here"
	case kindDirective:
		if r.byFlag {
			return "entry point " + r.fn.displayName() + ", named by the entry setting (-entry)"
		}
		return "entry point " + r.fn.displayName() + ", marked //blockcheck:entry"
	}
	return "entry point: " + r.describe()
}

// topName is the declaration a function is written in.
func (fi *funcInfo) topName() string {
	for fi.parent != nil {
		fi = fi.parent
	}
	if fi.lit != nil {
		return "a package-level func literal"
	}
	return fi.name
}
