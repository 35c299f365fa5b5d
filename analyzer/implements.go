package analyzer

import (
	"go/types"
)

// A call through an interface declared in the package is followed into
// the methods of the package's own types that implement it: a handler
// that calls store.Get on a Store interface whose only implementation
// queries a database without a context blocks in that query. Types in
// files that are not reported (tests, generated code) do not count:
// a fake in a test is no implementation the program runs.

// implementations are the package's methods that a call of the
// interface method m may run, or nil when m is not declared in this
// package.
func (s *state) implementations(m *types.Func) []*funcInfo {
	sig, ok := m.Type().(*types.Signature)
	if !ok || sig.Recv() == nil || m.Pkg() != s.pass.Pkg {
		return nil
	}
	iface, ok := sig.Recv().Type().Underlying().(*types.Interface)
	if !ok {
		return nil
	}
	x := s.idx()
	if impls, ok := x.impls[m]; ok {
		return impls
	}
	var impls []*funcInfo
	scope := s.pass.Pkg.Scope()
	for _, name := range scope.Names() {
		tn, ok := scope.Lookup(name).(*types.TypeName)
		if !ok || tn.IsAlias() || s.excludedAt(tn.Pos()) {
			continue
		}
		if _, isIface := tn.Type().Underlying().(*types.Interface); isIface {
			continue
		}
		for _, t := range []types.Type{tn.Type(), types.NewPointer(tn.Type())} {
			if !types.Implements(t, iface) {
				continue
			}
			obj, _, _ := types.LookupFieldOrMethod(t, true, s.pass.Pkg, m.Name())
			if fn, ok := obj.(*types.Func); ok {
				if fi := s.byObj[fn]; fi != nil {
					impls = append(impls, fi)
				}
			}
			break
		}
	}
	x.impls[m] = impls
	return impls
}
