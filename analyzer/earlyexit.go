package analyzer

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// Early exit. Every finding starts at a channel operation, a select, a
// go statement (these only with the chan rules on: the witness rules
// need a channel made and a goroutine started), or a call into
// another package that can block: a
// catalog function, a -blocking function, or a function with a
// blockingFact. A package with none of these has nothing to report and
// nothing to export, and is left after one look at its syntax and its
// uses, without building summaries.

// opPackages are the packages whose functions ops.go judges by more
// than the catalog (exec.Command, http.NewRequest, time.After, locks).
var opPackages = []string{"os/exec", "net/http", "time", "sync"}

// blockingPackages is the set of packages with a function in the
// catalog, in opPackages, or in the configuration's -blocking list.
func blockingPackages(cfg *Config) map[string]bool {
	pkgs := map[string]bool{}
	for _, p := range opPackages {
		pkgs[p] = true
	}
	for name := range catalog {
		pkgs[packageOfFullName(name)] = true
	}
	for _, b := range cfg.Blocking {
		pkgs[packageOfFullName(b.Func)] = true
	}
	return pkgs
}

// packageOfFullName is the package path of a function's full name, as
// (*types.Func).FullName prints it: "path.F" or "(*path.T).M".
func packageOfFullName(name string) string {
	name = strings.TrimLeft(name, "(*")
	if i := strings.Index(name, ")"); i >= 0 {
		name = name[:i]
	}
	slash := strings.LastIndex(name, "/")
	if i := strings.Index(name[slash+1:], "."); i >= 0 {
		return name[:slash+1+i]
	}
	return name
}

// mayBlock reports whether anything in the package can block.
func mayBlock(pass *analysis.Pass, cfg *Config) bool {
	// Without the chanaudit rules a channel operation is a finding only
	// with a witness, which needs a channel the package makes and a
	// goroutine it starts; without the chan rules, only calls block.
	audit, witness := cfg.enabled(ChanAudit), cfg.enabled(Chan)
	var makes, spawns bool
	for _, f := range pass.Files {
		if !audit && !witness {
			break
		}
		found := false
		inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.GoStmt:
				spawns = true
				found = audit
			case *ast.SendStmt, *ast.SelectStmt:
				found = audit
			case *ast.UnaryExpr:
				found = audit && n.Op == token.ARROW
			case *ast.RangeStmt:
				if t := pass.TypesInfo.TypeOf(n.X); t != nil && audit {
					_, found = t.Underlying().(*types.Chan)
				}
			case *ast.CallExpr:
				if _, ok := makeCap(pass.TypesInfo, n); ok {
					makes = true
				}
				if sel, ok := n.Fun.(*ast.SelectorExpr); ok && (sel.Sel.Name == "Go" || sel.Sel.Name == "TryGo") {
					spawns = true
				}
			}
			return !found && !(makes && spawns)
		})
		if found || (witness && makes && spawns) || (witness && exportsChanParam(pass, f)) {
			return true
		}
	}
	pkgs := blockingPackages(cfg)
	var fact blockingFact
	seen := map[*types.Func]bool{} // each function is asked about once, however often it is used
	for _, obj := range pass.TypesInfo.Uses {
		fn, ok := obj.(*types.Func)
		if !ok || fn.Pkg() == nil || fn.Pkg() == pass.Pkg || seen[fn] {
			continue
		}
		seen[fn] = true
		if pkgs[fn.Pkg().Path()] || importOps(pass, fn, &fact) || importOps(pass, fn.Origin(), &fact) {
			return true
		}
	}
	return false
}

// importOps reports whether fn has a fact that says it blocks: a fact
// that only describes its channel parameters does not.
func importOps(pass *analysis.Pass, fn *types.Func, fact *blockingFact) bool {
	*fact = blockingFact{}
	return pass.ImportObjectFact(fn, fact) && len(fact.Ops) > 0
}

// exportsChanParam reports whether the file declares an exported
// function with a channel parameter, whose fact another package's
// goroutine may stand on.
func exportsChanParam(pass *analysis.Pass, f *ast.File) bool {
	for _, d := range f.Decls {
		fd, ok := d.(*ast.FuncDecl)
		if !ok || !fd.Name.IsExported() || fd.Type.Params == nil {
			continue
		}
		for _, p := range fd.Type.Params.List {
			if t := pass.TypesInfo.TypeOf(p.Type); t != nil {
				if _, ok := t.Underlying().(*types.Chan); ok {
					return true
				}
			}
		}
	}
	return false
}
