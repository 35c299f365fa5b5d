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
