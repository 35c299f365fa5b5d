package analyzer

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/astutil"
)

// Connection I/O without a deadline: a function with a context at hand
// gets a connection (a dial, an accept) and reads or writes it, while
// nothing bounds that I/O by the context: no deadline is set on it,
// no context.AfterFunc closes it, and no goroutine of the function
// touches it. The dial honours the context, the conversation does not.
// Only a connection the function keeps to itself is judged: one it
// returns, stores, or hands to a function other than a reader or
// writer of the standard library, or a function of the package that
// only reads or writes it (helperIO), may get its deadline elsewhere.

// connIO judges the connections fi gets in local variables.
func (s *state) connIO(fi *funcInfo) {
	if fi.decl == nil || !fi.hasCtx || !s.cfg.enabled(Net) {
		return
	}
	conn := s.netConn()
	if conn == nil {
		return
	}
	info := s.info
	// The variables set from a call's result, with a connection type.
	dials := map[*types.Var]*ast.AssignStmt{}
	bad := map[*types.Var]bool{}
	afterFunc := false
	inspect(fi.body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			for i, l := range n.Lhs {
				v := localVar(info, l)
				if v == nil || !types.Implements(v.Type(), conn) {
					continue
				}
				if _, isIface := v.Type().Underlying().(*types.Interface); !isIface && !isPointer(v.Type()) {
					continue
				}
				_, fromCall := astutil.Unparen(n.Rhs[min(i, len(n.Rhs)-1)]).(*ast.CallExpr)
				if dials[v] != nil || !fromCall || n.Tok != token.DEFINE && n.Tok != token.ASSIGN {
					bad[v] = true
				}
				dials[v] = n
			}
		case *ast.CallExpr:
			if fn := staticCallee(info, n); fn != nil && fn.FullName() == "context.AfterFunc" {
				afterFunc = true
			}
		}
		return true
	})
	if afterFunc || len(dials) == 0 {
		return
	}
	for v, dial := range dials {
		if bad[v] {
			continue
		}
		if first := s.connUses(fi, v, s.datagram(v, dial)); first != nil {
			first.edits, first.fixMsg = s.afterFuncFix(fi, v, dial)
			fi.ops = append(fi.ops, first)
		}
	}
}

// connUses is the first read or write on v in fi, or nil when there is
// none or when v is used in a way that may bound it: a deadline, a use
// in a function literal, or a use the scan does not follow.
func (s *state) connUses(fi *funcInfo, v *types.Var, datagram bool) *op {
	info := s.info
	var stack []ast.Node
	var ios []*op
	unknown := false
	inspect(fi.body, func(n ast.Node) bool {
		if n == nil {
			stack = stack[:len(stack)-1]
			return true
		}
		if unknown {
			return false
		}
		stack = append(stack, n)
		id, ok := n.(*ast.Ident)
		if !ok || info.Uses[id] != v {
			return true
		}
		for _, p := range stack {
			if _, lit := p.(*ast.FuncLit); lit {
				unknown = true // a goroutine or callback has it
			}
		}
		parent := stack[len(stack)-2]
		switch p := parent.(type) {
		case *ast.SelectorExpr:
			call, isCall := stack[len(stack)-3].(*ast.CallExpr)
			if !isCall || call.Fun != p {
				unknown = true
				break
			}
			switch p.Sel.Name {
			case "Write", "WriteTo":
				if datagram {
					break // a datagram goes out without waiting for the peer
				}
				ios = append(ios, &op{pos: call.Pos(), node: call, call: call, what: v.Name() + "." + p.Sel.Name})
			case "Read", "ReadFrom":
				ios = append(ios, &op{pos: call.Pos(), node: call, call: call, what: v.Name() + "." + p.Sel.Name})
			case "SetDeadline", "SetReadDeadline", "SetWriteDeadline":
				unknown = true // bounded: by the context's deadline or another
			case "Close", "CloseRead", "CloseWrite", "LocalAddr", "RemoteAddr", "SetNoDelay", "SetKeepAlive", "SetKeepAlivePeriod", "SetLinger":
			default:
				unknown = true
			}
		case *ast.CallExpr:
			if o := s.ioCall(p, v); o != nil {
				if !(datagram && o.writes) {
					ios = append(ios, o)
				}
			} else if o := s.helperIO(p, id, v); o != nil && !datagram {
				ios = append(ios, o)
			} else {
				unknown = true
			}
		case *ast.AssignStmt:
			if !slices.Contains(p.Lhs, ast.Expr(id)) {
				unknown = true
			}
		default:
			unknown = true
		}
		return true
	})
	if unknown || len(ios) == 0 {
		return nil
	}
	o := ios[0]
	o.family = Net
	o.alt = "close " + v.Name() + " when ctx is done, as in stop := context.AfterFunc(ctx, func() { " + v.Name() + ".Close() }); defer stop()"
	o.ctxOnly = true
	return o
}

// ioCall is the operation of a standard library function that reads or
// writes the connection v passed to it, or nil for any other call.
func (s *state) ioCall(call *ast.CallExpr, v *types.Var) *op {
	fn := staticCallee(s.info, call)
	if fn == nil || fn.Pkg() == nil {
		return nil
	}
	switch fn.FullName() {
	case "io.WriteString", "fmt.Fprint", "fmt.Fprintf", "fmt.Fprintln", "encoding/binary.Write":
		return &op{pos: call.Pos(), node: call, call: call, what: fn.FullName() + " on " + v.Name(), writes: true}
	case "io.ReadFull", "io.ReadAtLeast", "io.ReadAll", "io.Copy", "io.CopyN", "io.CopyBuffer",
		"fmt.Fscan", "fmt.Fscanf", "fmt.Fscanln", "encoding/binary.Read":
		return &op{pos: call.Pos(), node: call, call: call, what: fn.FullName() + " on " + v.Name()}
	case "bufio.NewReader", "bufio.NewReaderSize", "bufio.NewWriter", "bufio.NewWriterSize", "bufio.NewScanner",
		"net/textproto.NewConn", "net/textproto.NewReader", "net/textproto.NewWriter",
		"encoding/json.NewDecoder", "encoding/json.NewEncoder", "encoding/gob.NewDecoder", "encoding/gob.NewEncoder",
		"net/smtp.NewClient":
		// A reader or writer over the connection: the conversation
		// goes through it.
		return &op{pos: call.Pos(), node: call, call: call, what: v.Name() + " read and written through " + fn.FullName()}
	}
	return nil
}

// paramKey names a parameter of a function of the package.
type paramKey struct {
	fi *funcInfo
	i  int
}

// paramUse is what a function does with a parameter a connection is
// passed as.
type paramUse int

const (
	paramUnknown paramUse = iota // not known yet
	paramBusy                    // being worked out (a recursive helper)
	paramIO                      // it reads or writes it, and does nothing that may bound that
	paramOther                   // anything else: a deadline, a goroutine, a store, no I/O
)

// helperIO is the operation of a call that passes the connection v (as
// the argument arg) to a function that reads or writes that parameter
// and does nothing else with it that could bound the I/O
// (readGreeting(conn), writeRequest(conn, req)): a function of the
// package, or of another package of the module whose fact says so; nil
// for any other call.
func (s *state) helperIO(call *ast.CallExpr, arg *ast.Ident, v *types.Var) *op {
	fn := staticCallee(s.info, call)
	if fn == nil || call.Ellipsis.IsValid() || isMethodExpr(s.info, call.Fun) {
		return nil
	}
	i := slices.Index(call.Args, ast.Expr(arg))
	sig := fn.Type().(*types.Signature)
	if i < 0 || i >= sig.Params().Len() || sig.Variadic() && i == sig.Params().Len()-1 {
		return nil
	}
	name := ""
	if fi := s.byObj[fn]; fi != nil {
		if !s.connParam(fi, i) {
			return nil
		}
		name = fi.displayName()
	} else if s.sinkOf(fn, i) == sinkConn {
		name = fn.Pkg().Name() + "." + fn.Name()
		if recv := sig.Recv(); recv != nil {
			name = types.TypeString(recv.Type(), (*types.Package).Name) + "." + fn.Name()
		}
	} else {
		return nil
	}
	return &op{pos: call.Pos(), node: call, call: call, what: v.Name() + " read or written by " + name}
}

// connParam reports whether fi reads or writes its i-th parameter, of
// an interface type, and does nothing else with it that could bound
// that I/O: no deadline, no goroutine or callback that has it, no
// store, no call that is not such a reader or writer itself.
func (s *state) connParam(fi *funcInfo, i int) bool {
	if fi.decl == nil || fi.body == nil || fi.obj == nil {
		return false
	}
	x := s.idx()
	if x.paramIO == nil {
		x.paramIO = map[paramKey]paramUse{}
	}
	key := paramKey{fi, i}
	switch x.paramIO[key] {
	case paramBusy, paramOther:
		return false // a helper calling itself adds nothing
	case paramIO:
		return true
	}
	x.paramIO[key] = paramBusy
	use := paramOther
	p := fi.obj.Type().(*types.Signature).Params().At(i)
	if s.connCompatible(p.Type()) && s.connUses(fi, p, false) != nil {
		use = paramIO
	}
	x.paramIO[key] = use
	return use == paramIO
}

// connCompatible reports whether a connection can be passed as t: an
// interface whose methods net.Conn has (io.Reader, io.ReadWriter,
// net.Conn itself), not one with methods of its own (an
// http.ResponseWriter).
func (s *state) connCompatible(t types.Type) bool {
	iface, ok := t.Underlying().(*types.Interface)
	if !ok || iface.NumMethods() == 0 {
		return false
	}
	if conn := s.netConn(); conn != nil {
		return types.Implements(conn, iface)
	}
	// No net in the package's imports: io's Read, Write and Close.
	for m := range iface.Methods() {
		sig := m.Type().(*types.Signature)
		switch m.Name() {
		case "Read", "Write":
			if sig.Params().Len() != 1 || sig.Results().Len() != 2 || !types.Identical(sig.Params().At(0).Type(), types.NewSlice(types.Typ[types.Byte])) {
				return false
			}
		case "Close":
			if sig.Params().Len() != 0 || sig.Results().Len() != 1 {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// afterFuncFix closes the connection when the context is done, from
// right after the statement that gets it (and the error check that
// follows it):
//
//	conn, err := d.DialContext(ctx, "tcp", addr)
//	if err != nil { ... }
//	stop := context.AfterFunc(ctx, func() { conn.Close() })
//	defer stop()
func (s *state) afterFuncFix(fi *funcInfo, v *types.Var, dial *ast.AssignStmt) ([]analysis.TextEdit, string) {
	file := s.fileOf(dial.Pos())
	ctx := s.usableCtx(fi, dial.Pos())
	if file == nil || ctx == "" {
		return nil, ""
	}
	// The statement list the dial is in, and what follows it.
	var list []ast.Stmt
	inspect(fi.body, func(n ast.Node) bool {
		if b, ok := n.(*ast.BlockStmt); ok && slices.Contains(b.List, ast.Stmt(dial)) {
			list = b.List
		}
		return list == nil
	})
	i := slices.Index(list, ast.Stmt(dial))
	if i < 0 {
		return nil, ""
	}
	after := ast.Stmt(dial)
	if i+1 < len(list) {
		if ifs, ok := list[i+1].(*ast.IfStmt); ok && mentionsErr(s.info, ifs.Cond) {
			after = ifs
		}
	}
	if after == ast.Stmt(dial) && len(dial.Lhs) > 1 {
		return nil, "" // the error is checked later, or not: conn may be nil here
	}
	indent, ok := s.indentOf(dial)
	if !ok {
		return nil, ""
	}
	pkg, ok := s.ctxPkgAt(file, dial.Pos())
	if !ok {
		return nil, ""
	}
	scope := s.scopeAt(fi, after.End())
	stop := s.freeName(scope, after.End(), "stop", 0)
	text := "\n" + indent + stop + " := " + pkg + ".AfterFunc(" + ctx + ", func() { " + v.Name() + ".Close() })\n" + indent + "defer " + stop + "()"
	edits := []analysis.TextEdit{{Pos: after.End(), End: after.End(), NewText: []byte(text)}}
	if _, imported := s.importNames(file)["context"]; !imported {
		e, ok := importEdit(file, "context")
		if !ok {
			return nil, ""
		}
		edits = append(edits, e)
	}
	return edits, "Close " + v.Name() + " when " + ctx + " is done, with context.AfterFunc"
}

// mentionsErr reports whether an expression uses a variable of type
// error.
func mentionsErr(info *types.Info, e ast.Expr) bool {
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok {
			if v, ok := info.Uses[id].(*types.Var); ok && types.Identical(v.Type(), types.Universe.Lookup("error").Type()) {
				found = true
			}
		}
		return !found
	})
	return found
}

// netConn is the net.Conn interface, when the package imports net,
// directly or not.
func (s *state) netConn() *types.Interface {
	x := s.idx()
	if !x.netConnDone {
		x.netConn, x.netConnDone = s.findNetConn(), true
	}
	return x.netConn
}

func (s *state) findNetConn() *types.Interface {
	seen := map[*types.Package]bool{}
	var find func(p *types.Package) *types.Interface
	find = func(p *types.Package) *types.Interface {
		if seen[p] {
			return nil
		}
		seen[p] = true
		if p.Path() == "net" {
			if tn, ok := p.Scope().Lookup("Conn").(*types.TypeName); ok {
				it, _ := tn.Type().Underlying().(*types.Interface)
				return it
			}
			return nil
		}
		for _, q := range p.Imports() {
			if it := find(q); it != nil {
				return it
			}
		}
		return nil
	}
	return find(s.pass.Pkg)
}

// datagram reports whether the connection v gets from dial is a
// datagram socket (a *net.UDPConn, or a dial whose network is a
// constant "udp", "udp4" or "udp6"): writing one sends a datagram and
// does not wait for the peer; reading it still waits for one.
func (s *state) datagram(v *types.Var, dial *ast.AssignStmt) bool {
	if p, ok := v.Type().(*types.Pointer); ok && isNamed(p.Elem(), "net", "UDPConn") {
		return true
	}
	for _, rhs := range dial.Rhs {
		call, ok := astutil.Unparen(rhs).(*ast.CallExpr)
		if !ok {
			continue
		}
		for _, a := range call.Args {
			if tv, ok := s.info.Types[a]; ok && tv.Value != nil && tv.Value.Kind() == constant.String && strings.HasPrefix(constant.StringVal(tv.Value), "udp") {
				return true
			}
		}
	}
	return false
}
