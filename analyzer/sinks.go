package analyzer

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ast/astutil"
)

// A request or a command built without a context blocks where it is
// sent or run, which may be in another function: one it is passed to
// that sends it (Client.Do, RoundTrip) or runs it (Run, Output,
// CombinedOutput, Start). Such a parameter is a sink, known from the
// body in this package and from the function's fact in another
// package of the module.

// sinkParam is a parameter a function sends or runs.
type sinkParam struct {
	Index int
	Kind  string // "request", "command" or "conn"
}

const (
	sinkRequest = "request"
	sinkCommand = "command"
	// sinkConn: the function reads or writes the parameter, an
	// interface a connection is passed as, and does nothing else
	// with it that could bound that I/O (connio.go).
	sinkConn = "conn"
)

// sinkOf is what fn does with its i-th parameter: sinkRequest,
// sinkCommand or "".
func (s *state) sinkOf(fn *types.Func, i int) string {
	if fi := s.byObj[fn]; fi != nil && fi.decl != nil {
		sig := fn.Type().(*types.Signature)
		if i >= sig.Params().Len() {
			return ""
		}
		return s.sinkIn(fi.body, sig.Params().At(i))
	}
	if fn.Pkg() == nil || !s.sameModule(fn.Pkg().Path()) {
		return ""
	}
	var fact blockingFact
	if !s.pass.ImportObjectFact(fn, &fact) {
		return ""
	}
	for _, k := range fact.Sinks {
		if k.Index == i {
			return k.Kind
		}
	}
	return ""
}

// sinkIn reports whether body sends or runs the parameter p itself. A
// parameter the body assigns (req = req.WithContext(ctx)) is not sent
// as it was passed, and a send only where a context is nil (if ctx ==
// nil { return client.Do(req) }, as a generated client's sender does)
// has no context to honour.
func (s *state) sinkIn(body *ast.BlockStmt, p *types.Var) string {
	kind := ""
	replaced := false
	nilBranch := map[ast.Node]bool{}
	inspect(body, func(n ast.Node) bool {
		if nilBranch[n] {
			return false // the context is nil here: nothing to give the request
		}
		if as, ok := n.(*ast.AssignStmt); ok {
			for _, l := range as.Lhs {
				replaced = replaced || identVar(s.info, l) == p
			}
		}
		if ifs, ok := n.(*ast.IfStmt); ok {
			if b := s.ctxNilBranch(ifs); b != nil {
				nilBranch[b] = true
			}
		}
		call, ok := n.(*ast.CallExpr)
		if !ok || kind != "" {
			return kind == ""
		}
		fn := staticCallee(s.info, call)
		if fn == nil {
			return true
		}
		switch fn.FullName() {
		case "(*net/http.Client).Do", "(*net/http.Transport).RoundTrip", "(net/http.RoundTripper).RoundTrip":
			if len(call.Args) == 1 && identVar(s.info, call.Args[0]) == p {
				kind = sinkRequest
			}
		case "(*os/exec.Cmd).Run", "(*os/exec.Cmd).Output", "(*os/exec.Cmd).CombinedOutput", "(*os/exec.Cmd).Start":
			if sel, ok := astutil.Unparen(call.Fun).(*ast.SelectorExpr); ok && identVar(s.info, sel.X) == p {
				kind = sinkCommand
			}
		}
		return kind == ""
	})
	if replaced {
		return ""
	}
	return kind
}

// sinkParams are the sinks of an exported function, for its fact.
func (s *state) sinkParams(fi *funcInfo) []sinkParam {
	if fi.decl == nil || fi.obj == nil || !fi.obj.Exported() {
		return nil
	}
	sig := fi.obj.Type().(*types.Signature)
	var out []sinkParam
	for i := range sig.Params().Len() {
		p := sig.Params().At(i)
		if s.cfg.enabled(Net) && s.connParam(fi, i) {
			out = append(out, sinkParam{Index: i, Kind: sinkConn})
			continue
		}
		if !isHTTPRequest(p.Type()) && !isExecCmd(p.Type()) {
			continue
		}
		if k := s.sinkIn(fi.body, p); k != "" {
			out = append(out, sinkParam{Index: i, Kind: k})
		}
	}
	return out
}

// isExecCmd reports whether t is *exec.Cmd.
func isExecCmd(t types.Type) bool {
	p, ok := t.(*types.Pointer)
	return ok && isNamed(p.Elem(), "os/exec", "Cmd")
}

// sinkArgs: a request or command passed to a function that sends or
// runs it is sent or run here.
func (w *walker) sinkArgs(fi *funcInfo, call *ast.CallExpr, callee *types.Func) {
	shift := 0
	if isMethodExpr(w.s.info, call.Fun) {
		shift = 1
	}
	for i, a := range call.Args {
		if i < shift {
			continue
		}
		a = astutil.Unparen(a)
		v := localVar(w.s.info, a)
		built, _ := a.(*ast.CallExpr)
		isReq := (v != nil && w.reqVar[v] != nil) || (built != nil && calleeName(w.s.info, built) == "net/http.NewRequest")
		isCmd := (v != nil && w.cmdVar[v].call != nil) || (built != nil && calleeName(w.s.info, built) == "os/exec.Command")
		if !isReq && !isCmd {
			continue
		}
		switch w.s.sinkOf(callee, i-shift) {
		case sinkRequest:
			if isReq {
				if v != nil {
					w.reqs = append(w.reqs, reqUse{fi, w.reqVar[v], v})
				} else {
					w.reqs = append(w.reqs, reqUse{fi, built, nil})
				}
			}
		case sinkCommand:
			if isCmd {
				if v != nil {
					w.cmds = append(w.cmds, cmdUse{fi, w.cmdVar[v].call})
				} else {
					w.cmds = append(w.cmds, cmdUse{fi, built})
				}
			}
		}
	}
}

// calleeName is the full name of the function a call calls, or "".
func calleeName(info *types.Info, call *ast.CallExpr) string {
	if fn := staticCallee(info, call); fn != nil {
		return fn.FullName()
	}
	return ""
}

// ctxNilBranch is the branch of an if statement taken when a context
// is nil (the body of if ctx == nil, the else of if ctx != nil), or nil.
func (s *state) ctxNilBranch(ifs *ast.IfStmt) ast.Node {
	cond, ok := astutil.Unparen(ifs.Cond).(*ast.BinaryExpr)
	if !ok || (cond.Op != token.EQL && cond.Op != token.NEQ) {
		return nil
	}
	x := cond.X
	if isNil(s.info, x) {
		x = cond.Y
	} else if !isNil(s.info, cond.Y) {
		return nil
	}
	if !isNamed(s.info.TypeOf(x), "context", "Context") {
		return nil
	}
	if cond.Op == token.EQL {
		return ifs.Body
	}
	if ifs.Else == nil {
		return nil
	}
	return ifs.Else
}
