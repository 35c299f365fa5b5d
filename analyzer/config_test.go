package analyzer_test

import (
	"flag"
	"io"
	"strings"
	"testing"

	"github.com/blockcheck/blockcheck/analyzer"
	"golang.org/x/tools/go/analysis/analysistest"
)

func TestValidate(t *testing.T) {
	for _, tc := range []struct {
		cfg  analyzer.Config
		want string // "" for valid
	}{
		{analyzer.Config{}, ""},
		{analyzer.Config{Disable: []analyzer.Family{"chan", "sync"}}, ""},
		{analyzer.Config{Disable: []analyzer.Family{"chans"}}, `unknown rule family "chans"`},
		{analyzer.Config{Entries: []string{"(*example.com/pkg.Server).Loop", "example.com/pkg.Run"}}, ""},
		{analyzer.Config{Entries: []string{"Run"}}, `entry "Run" is not a function's full name`},
		{analyzer.Config{Blocking: []analyzer.Blocking{{Func: "(*example.com/rate.Limiter).Take"}}}, ""},
		{analyzer.Config{Blocking: []analyzer.Blocking{{Func: "Take()"}}}, `blocking function "Take()"`},
	} {
		err := tc.cfg.Validate()
		switch {
		case tc.want == "" && err != nil:
			t.Errorf("%+v: unexpected error %v", tc.cfg, err)
		case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
			t.Errorf("%+v: error %v, want one containing %q", tc.cfg, err, tc.want)
		}
	}
}

// TestFlags: the analyzer's flags write into its own configuration and
// reject bad values with a message naming them.
func TestFlags(t *testing.T) {
	a := analyzer.New(analyzer.Config{})
	fs := flag.NewFlagSet("blockcheck", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	a.Flags.VisitAll(func(f *flag.Flag) { fs.Var(f.Value, f.Name, f.Usage) })
	if err := fs.Parse([]string{"-disable=sleep,net", "-tests", "-entry=example.com/p.Run", "-blocking=(*example.com/rate.Limiter).Take=use Wait(ctx, 1)"}); err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]string{
		"disable":  "sleep,net",
		"tests":    "true",
		"entry":    "example.com/p.Run",
		"blocking": "(*example.com/rate.Limiter).Take=use Wait(ctx, 1)",
	} {
		if got := a.Flags.Lookup(name).Value.String(); got != want {
			t.Errorf("-%s = %q, want %q", name, got, want)
		}
	}
	for _, bad := range []struct{ arg, want string }{
		{"-disable=sleep,chans", `unknown rule family "chans"`},
		{"-entry=Run", `"Run" is not a function's full name`},
		{"-blocking=Take", `"Take" is not a function's full name`},
	} {
		err := fs.Parse([]string{bad.arg})
		if err == nil || !strings.Contains(err.Error(), bad.want) {
			t.Errorf("%s: error %v, want one containing %q", bad.arg, err, bad.want)
		}
	}
	// A second analyzer does not see the first one's settings.
	if got := analyzer.New(analyzer.Config{}).Flags.Lookup("disable").Value.String(); got != "" {
		t.Errorf("a new analyzer has -disable=%q", got)
	}
}

// TestDisable: a disabled family reports nothing, the others still do.
func TestDisable(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), analyzer.New(withChan(analyzer.Config{Disable: []analyzer.Family{"sleep", "eventloop"}})), "disable")
}
