package analyzer

import (
	"go/ast"
	"go/token"
	"go/types"
)

// mainServer is what makes the main function of a package main
// long-running: a call that serves HTTP or gRPC, or that subscribes to
// signals, in main or in a function of the package that main calls or
// starts. The goroutines such a main starts run for the life of a
// server, so they are entry points, although main itself is not.
type mainServer struct {
	main *funcInfo // func main
	pos  token.Pos // the call (or function value) that serves or waits
	what string    // its name: "http.ListenAndServe", "(*grpc.Server).Serve"
	of   string    // the program it makes: "an HTTP server"
}

// serveFuncs are the functions that make a main long-running, by full
// name, with the program they make. A CLI that does its work and
// returns calls none of them.
var serveFuncs = map[string]string{
	"net/http.ListenAndServe":                "an HTTP server",
	"net/http.ListenAndServeTLS":             "an HTTP server",
	"net/http.Serve":                         "an HTTP server",
	"net/http.ServeTLS":                      "an HTTP server",
	"(*net/http.Server).ListenAndServe":      "an HTTP server",
	"(*net/http.Server).ListenAndServeTLS":   "an HTTP server",
	"(*net/http.Server).Serve":               "an HTTP server",
	"(*net/http.Server).ServeTLS":            "an HTTP server",
	"(*google.golang.org/grpc.Server).Serve": "a gRPC server",
	"os/signal.Notify":                       "a program that runs until it is signalled",
	"os/signal.NotifyContext":                "a program that runs until it is signalled",
}

// findMainServer looks, in a package main, for the first call that
// makes main long-running: in main, then breadth-first in the
// functions of the package that main calls, starts or passes on, and
// in every function literal written in them. Nil when there is none,
// or when the package is not main. Called once every declaration has
// its funcInfo, before the bodies are walked.
func (s *state) findMainServer() *mainServer {
	if s.pass.Pkg.Name() != "main" {
		return nil
	}
	var main *funcInfo
	for _, fi := range s.funcs {
		if fi.decl != nil && fi.decl.Recv == nil && fi.decl.Name.Name == "main" && !s.excludedFile[fi.file] {
			main = fi
		}
	}
	if main == nil {
		return nil
	}
	seen := map[*funcInfo]bool{main: true}
	queue := []*funcInfo{main}
	for len(queue) > 0 {
		fi := queue[0]
		queue = queue[1:]
		var found *mainServer
		ast.Inspect(fi.body, func(n ast.Node) bool {
			if found != nil || n == nil {
				return false
			}
			var fn *types.Func
			pos := n.Pos()
			switch n := n.(type) {
			case *ast.CallExpr:
				fn = staticCallee(s.info, n)
			case *ast.Ident:
				// A function named without a call: go run(), g.Go(srv.Serve),
				// or a callee already seen through its call.
				fn, _ = s.info.Uses[n].(*types.Func)
			}
			if fn == nil {
				return true
			}
			fn = fn.Origin()
			if of, ok := serveFuncs[fn.FullName()]; ok {
				if isSignalFunc(fn) && !s.waitsForSignal(fi, n) {
					// A program that subscribes to signals only to stop
					// early (a CLI's Ctrl-C) does not run until it is
					// signalled.
					return true
				}
				found = &mainServer{main: main, pos: pos, what: qualifiedName(fn), of: of}
				return false
			}
			if callee := s.byObj[fn]; callee != nil && !seen[callee] && !s.excludedFile[callee.file] {
				seen[callee] = true
				queue = append(queue, callee)
			}
			return true
		})
		if found != nil {
			return found
		}
	}
	return nil
}

// startsInMain reports whether what fi starts is an entry point
// because fi is main of a long-running program.
func (s *state) startsInMain(fi *funcInfo) bool {
	return s.mainServer != nil && fi == s.mainServer.main
}

// note is the related message at the call that makes main
// long-running.
func (m *mainServer) note() string {
	return m.what + " makes main " + m.of + ": the goroutines it starts are entry points"
}

func isSignalFunc(fn *types.Func) bool {
	return fn.Pkg() != nil && fn.Pkg().Path() == "os/signal"
}

// waitsForSignal reports whether fi itself waits for the signal that
// the subscription n delivers: signal.Notify(ch, ...) with a receive
// from ch, or ctx, stop := signal.NotifyContext(...) with a receive
// from ctx.Done(), in fi's own statements (not in a goroutine or
// callback it writes). That wait is what keeps the program running
// until it is signalled; a subscription whose signal only a goroutine
// waits for lets a program that ends by itself stop early.
func (s *state) waitsForSignal(fi *funcInfo, n ast.Node) bool {
	call, ok := n.(*ast.CallExpr)
	if !ok {
		return false
	}
	var v *types.Var // the channel, or the context
	done := false    // v is a context, waited for through Done()
	if len(call.Args) > 0 {
		if id, ok := ast.Unparen(call.Args[0]).(*ast.Ident); ok {
			if c, ok := s.info.Uses[id].(*types.Var); ok {
				if _, isChan := c.Type().Underlying().(*types.Chan); isChan {
					v = c
				}
			}
		}
	}
	if v == nil {
		ast.Inspect(fi.body, func(m ast.Node) bool {
			as, ok := m.(*ast.AssignStmt)
			if !ok || len(as.Rhs) != 1 || ast.Unparen(as.Rhs[0]) != call || len(as.Lhs) == 0 {
				return v == nil
			}
			if id, ok := as.Lhs[0].(*ast.Ident); ok {
				v = localVar(s.info, id)
				done = v != nil
			}
			return false
		})
	}
	if v == nil {
		return false
	}
	waits := false
	ast.Inspect(fi.body, func(m ast.Node) bool {
		if waits {
			return false
		}
		var x ast.Expr
		switch m := m.(type) {
		case *ast.FuncLit:
			return false
		case *ast.UnaryExpr:
			if m.Op != token.ARROW {
				return true
			}
			x = ast.Unparen(m.X)
		case *ast.RangeStmt:
			x = ast.Unparen(m.X)
		default:
			return true
		}
		if done {
			c, ok := x.(*ast.CallExpr)
			if !ok || !isContextDone(s.info, c) {
				return true
			}
			sel, ok := ast.Unparen(c.Fun).(*ast.SelectorExpr)
			if !ok {
				return true
			}
			x = ast.Unparen(sel.X)
		}
		if id, ok := x.(*ast.Ident); ok && s.info.Uses[id] == v {
			waits = true
		}
		return true
	})
	return waits
}
