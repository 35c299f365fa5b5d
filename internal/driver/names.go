package driver

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"slices"
	"strings"
)

// Resolve reports whether name, a function's full name as
// (*types.Func).FullName prints it ("example.com/pkg.F",
// "(*example.com/pkg.T).M"), names a function or method declared in
// one of the packages the run listed, the standard library and every
// dependency included. When it does not, it returns the full names the
// user may have meant: the same function in a listed package whose
// import path ends with the one given ("store.Retry" for
// "example.com/svc/store.Retry"), or the same method with the other
// receiver ("(T).M" for "(*T).M").
//
// It reads declarations from the packages' source files, not their
// types: export data leaves out unexported functions, and packages read
// back from the cache were never type-checked.
func (res *Result) Resolve(name string) (found bool, meant []string) {
	n, ok := parseFullName(name)
	if !ok {
		return false, nil
	}
	if exact := res.variants(n.pkg); len(exact) > 0 {
		other := n
		other.ptr = !n.ptr
		for _, p := range exact {
			if declares(p, n) {
				return true, nil
			}
			if n.recv != "" && declares(p, other) {
				meant = []string{other.String()}
			}
		}
		return false, meant
	}
	for _, p := range res.pkgs {
		if p.ForTest != "" || !strings.HasSuffix(p.ImportPath, "/"+n.pkg) {
			continue
		}
		alt := n
		alt.pkg = p.ImportPath
		if declares(p, alt) {
			meant = append(meant, alt.String())
		}
	}
	slices.Sort(meant)
	return false, slices.Compact(meant)
}

// variants returns the listed packages with this import path: the
// package, and its test variant when tests were listed.
func (res *Result) variants(path string) []*listPackage {
	var out []*listPackage
	for _, p := range res.pkgs {
		if id, _, _ := strings.Cut(p.ImportPath, " "); id == path {
			out = append(out, p)
		}
	}
	return out
}

// fullName is a parsed full name: pkg.fn, or (pkg.recv).fn with ptr
// for a pointer receiver.
type fullName struct {
	pkg, recv, fn string
	ptr           bool
}

func (n fullName) String() string {
	if n.recv == "" {
		return n.pkg + "." + n.fn
	}
	star := ""
	if n.ptr {
		star = "*"
	}
	return "(" + star + n.pkg + "." + n.recv + ")." + n.fn
}

func parseFullName(s string) (fullName, bool) {
	var n fullName
	if rest, ok := strings.CutPrefix(s, "("); ok {
		recv, fn, ok := strings.Cut(rest, ").")
		if !ok {
			return n, false
		}
		recv, n.ptr = strings.CutPrefix(recv, "*")
		i := strings.LastIndex(recv, ".")
		if i < 0 {
			return n, false
		}
		n.pkg, n.recv, n.fn = recv[:i], recv[i+1:], fn
		return n, n.pkg != "" && n.recv != "" && n.fn != ""
	}
	i := strings.LastIndex(s, ".")
	if i < 0 {
		return n, false
	}
	n.pkg, n.fn = s[:i], s[i+1:]
	return n, n.pkg != "" && n.fn != ""
}

// declares reports whether the package's files declare the function,
// or the method with that receiver, or an interface type with that
// method.
func declares(p *listPackage, n fullName) bool {
	fset := token.NewFileSet()
	for _, name := range slices.Concat(p.GoFiles, p.CgoFiles) {
		f, err := parser.ParseFile(fset, filepath.Join(p.Dir, name), nil, parser.SkipObjectResolution)
		if err != nil {
			continue
		}
		for _, d := range f.Decls {
			switch d := d.(type) {
			case *ast.FuncDecl:
				if d.Name.Name != n.fn {
					continue
				}
				if d.Recv == nil || len(d.Recv.List) == 0 {
					if n.recv == "" {
						return true
					}
					continue
				}
				recv, ptr := receiver(d.Recv.List[0].Type)
				if recv == n.recv && ptr == n.ptr {
					return true
				}
			case *ast.GenDecl:
				if n.recv == "" || n.ptr || d.Tok != token.TYPE {
					continue
				}
				for _, spec := range d.Specs {
					ts := spec.(*ast.TypeSpec)
					it, ok := ts.Type.(*ast.InterfaceType)
					if !ok || ts.Name.Name != n.recv {
						continue
					}
					for _, m := range it.Methods.List {
						for _, mn := range m.Names {
							if mn.Name == n.fn {
								return true
							}
						}
					}
				}
			}
		}
	}
	return false
}

// receiver returns the name of a method's receiver type, without type
// parameters, and whether it is a pointer.
func receiver(e ast.Expr) (string, bool) {
	ptr := false
	if s, ok := e.(*ast.StarExpr); ok {
		e, ptr = s.X, true
	}
	switch t := e.(type) {
	case *ast.IndexExpr:
		e = t.X
	case *ast.IndexListExpr:
		e = t.X
	}
	if id, ok := e.(*ast.Ident); ok {
		return id.Name, ptr
	}
	return "", ptr
}
