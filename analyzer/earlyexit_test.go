package analyzer

import (
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"
)

// probe is blockcheck with a probe that reports the packages it
// leaves early.
func probe(cfg *Config) *analysis.Analyzer {
	return &analysis.Analyzer{
		Name:      "blockcheck",
		Doc:       "blockcheck with a probe for the early exit",
		FactTypes: []analysis.Fact{new(blockingFact)},
		Run: func(pass *analysis.Pass) (any, error) {
			if !mayBlock(pass, cfg) && len(pass.Files) > 0 {
				pass.Reportf(pass.Files[0].Name.Pos(), "nothing can block")
			}
			return run(pass, cfg)
		},
	}
}

// TestEarlyExit: only the package where nothing can block is left
// early, not those with a channel operation, a catalog call or a call
// whose callee's fact says it blocks (whose findings must still be
// reported).
func TestEarlyExit(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), probe(&Config{Enable: []Family{ChanAudit}}),
		"earlyexit/pure", "earlyexit/chans", "earlyexit/sleeps", "earlyexit/usesfact", "earlyexit/usesinterface")
}

// TestEarlyExitWithoutChan: without the chan rules, a package whose
// only blocking is on channels is left early too.
func TestEarlyExitWithoutChan(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), probe(&Config{}), "earlyexit/chansonly")
}

func TestPackageOfFullName(t *testing.T) {
	for name, want := range map[string]string{
		"time.Sleep":                      "time",
		"(*net/http.Client).Do":           "net/http",
		"(*sync.Cond).Wait":               "sync",
		"(net.Conn).Read":                 "net",
		"(*example.com/x.v2/pkg.T).M":     "example.com/x.v2/pkg",
		"golang.org/x/time/rate.NewLimit": "golang.org/x/time/rate",
		"example.com/a.b/c.F":             "example.com/a.b/c",
	} {
		if got := packageOfFullName(name); got != want {
			t.Errorf("packageOfFullName(%q) = %q, want %q", name, got, want)
		}
	}
}
