package plugin

import (
	"strings"
	"testing"

	"github.com/golangci/plugin-module-register/register"
	"golang.org/x/tools/go/analysis"
)

// build runs what golangci-lint runs: the registered constructor on the
// settings map, then BuildAnalyzers.
func build(t *testing.T, conf any) (*analysis.Analyzer, error) {
	t.Helper()
	newPlugin, err := register.GetPlugin("blockcheck")
	if err != nil {
		t.Fatal(err)
	}
	p, err := newPlugin(conf)
	if err != nil {
		return nil, err
	}
	if got := p.GetLoadMode(); got != register.LoadModeTypesInfo {
		t.Errorf("GetLoadMode() = %q, want %q", got, register.LoadModeTypesInfo)
	}
	as, err := p.BuildAnalyzers()
	if err != nil {
		t.Fatal(err)
	}
	if len(as) != 1 || as[0].Name != "blockcheck" {
		t.Fatalf("BuildAnalyzers() = %v, want the blockcheck analyzer", as)
	}
	return as[0], nil
}

func flag(a *analysis.Analyzer, name string) string { return a.Flags.Lookup(name).Value.String() }

func TestSettingsMapOntoConfig(t *testing.T) {
	// The shape golangci-lint hands over: YAML decoded into maps and
	// slices of any.
	conf := map[string]any{
		"disable": []any{"syscall", "eventloop"},
		"enable":  []any{"chan"},
		"tests":   true,
		"entry":   []any{"(*example.com/pkg.Server).Loop", "example.com/pkg.Run"},
		"blocking": []any{
			map[string]any{"func": "(*example.com/rate.Limiter).Take", "alternative": "use Wait(ctx)"},
			map[string]any{"func": "example.com/lock.Acquire"},
		},
		"stack": true,
	}
	a, err := build(t, conf)
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]string{
		"disable":  "syscall,eventloop",
		"enable":   "chan",
		"tests":    "true",
		"entry":    "(*example.com/pkg.Server).Loop,example.com/pkg.Run",
		"blocking": "(*example.com/rate.Limiter).Take=use Wait(ctx),example.com/lock.Acquire=",
		"stack":    "true",
	} {
		if got := flag(a, name); got != want {
			t.Errorf("flag %s = %q, want %q", name, got, want)
		}
	}
}

func TestNoSettings(t *testing.T) {
	// No settings key at all reaches New as nil.
	for _, conf := range []any{nil, map[string]any{}} {
		a, err := build(t, conf)
		if err != nil {
			t.Fatalf("New(%#v): %v", conf, err)
		}
		if got := flag(a, "disable"); got != "" {
			t.Errorf("New(%#v): disable = %q, want empty", conf, got)
		}
		if got := flag(a, "tests"); got != "false" {
			t.Errorf("New(%#v): tests = %q, want false", conf, got)
		}
	}
}

func TestAnalyzersAreIndependent(t *testing.T) {
	newPlugin, _ := register.GetPlugin("blockcheck")
	p, err := newPlugin(map[string]any{"disable": []any{"sleep"}})
	if err != nil {
		t.Fatal(err)
	}
	a1, _ := p.BuildAnalyzers()
	a2, _ := p.BuildAnalyzers()
	if a1[0] == a2[0] {
		t.Fatal("BuildAnalyzers returned the same Analyzer twice")
	}
	if err := a1[0].Flags.Set("disable", "net"); err != nil {
		t.Fatal(err)
	}
	if got := flag(a2[0], "disable"); got != "sleep" {
		t.Errorf("setting one analyzer's flag changed the other's: disable = %q", got)
	}
}

func TestBadSettings(t *testing.T) {
	for _, tc := range []struct {
		name string
		conf map[string]any
		want []string // substrings of the error
	}{
		{"unknown key", map[string]any{"disabled": []any{"sleep"}}, []string{"blockcheck settings", `unknown field "disabled"`, "the settings are disable, enable, tests"}},
		{"bad family", map[string]any{"disable": []any{"sleep", "slep"}}, []string{`"slep"`, "disable", "known: sleep"}},
		{"wrong type", map[string]any{"tests": "yes"}, []string{"blockcheck settings", "tests"}},
		{"bad entry", map[string]any{"entry": []any{"Run"}}, []string{`entry "Run"`}},
		{"bad blocking", map[string]any{"blocking": []any{map[string]any{"func": "Take"}}}, []string{`blocking function "Take"`}},
		{"blocking without func", map[string]any{"blocking": []any{map[string]any{"alternative": "x"}}}, []string{"blocking[0] has no func"}},
		{"unknown blocking key", map[string]any{"blocking": []any{map[string]any{"func": "a.B", "alt": "x"}}}, []string{`unknown field "alt"`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := build(t, tc.conf)
			if err == nil {
				t.Fatalf("New(%v) succeeded, want an error", tc.conf)
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
		})
	}
}

func TestFindingsHaveNoRelated(t *testing.T) {
	// golangci-lint would make each Related position an issue of its
	// own, which //nolint on the finding's line does not cover.
	a := withoutRelated(&analysis.Analyzer{
		Name: "fake",
		Run: func(pass *analysis.Pass) (any, error) {
			pass.Reportf(1, "first")
			pass.Report(analysis.Diagnostic{Pos: 2, Message: "second", Category: "sleep",
				Related: []analysis.RelatedInformation{{Pos: 1, Message: "entry point: HTTP handler h"}}})
			return "result", nil
		},
	})
	var got []analysis.Diagnostic
	res, err := a.Run(&analysis.Pass{Report: func(d analysis.Diagnostic) { got = append(got, d) }})
	if err != nil || res != "result" {
		t.Fatalf("Run() = %v, %v; want the wrapped Run's result", res, err)
	}
	if len(got) != 2 || got[1].Message != "second" || got[1].Category != "sleep" || got[1].Pos != 2 {
		t.Fatalf("reported %+v, want both diagnostics unchanged but for Related", got)
	}
	for _, d := range got {
		if d.Related != nil {
			t.Errorf("diagnostic %q kept Related %v", d.Message, d.Related)
		}
	}
}
