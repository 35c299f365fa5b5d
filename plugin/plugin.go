// Package plugin makes blockcheck a golangci-lint v2 module plugin.
//
// Importing it registers the linter "blockcheck". Its settings are
// the command's flags, with the same names:
//
//	linters:
//	  enable: [blockcheck]
//	  settings:
//	    custom:
//	      blockcheck:
//	        type: module
//	        description: blocking operations that ignore cancellation
//	        settings:
//	          disable: [syscall]
//	          enable: [chan]
//	          tests: false
//	          entry: ["(*example.com/pkg.Server).Loop"]
//	          blocking:
//	            - func: "(*example.com/rate.Limiter).Take"
//	              alternative: "use Wait(ctx)"
//
// An unknown key or a bad value stops the run with a message that
// names the setting.
//
// Findings carry no Related positions here (see withoutRelated): the
// message names the entry point, and //nolint:blockcheck on the
// finding's line silences all of it.
package plugin

import (
	"fmt"
	"slices"

	"github.com/blockcheck/blockcheck/analyzer"
	"github.com/golangci/plugin-module-register/register"
	"golang.org/x/tools/go/analysis"
)

func init() { register.Plugin("blockcheck", New) }

// Settings are the plugin's settings as .golangci.yml spells them.
// register.DecodeSettings goes through encoding/json, so the json tags
// are the names; it rejects any key not listed here.
type Settings struct {
	Disable  []string   `json:"disable"`  // rule families to switch off
	Enable   []string   `json:"enable"`   // rule families off by default to switch on
	Tests    bool       `json:"tests"`    // also analyse _test.go files
	Entry    []string   `json:"entry"`    // full names of more entry functions
	Blocking []Blocking `json:"blocking"` // more blocking functions
	Stack    bool       `json:"stack"`    // add the stack to an internal error
}

// settingNames lists the keys Settings accepts, for error messages.
const settingNames = "disable, enable, tests, entry, blocking (a list of {func, alternative}) and stack"

// Blocking is one element of the blocking setting.
type Blocking struct {
	Func        string `json:"func"`
	Alternative string `json:"alternative"`
}

// Plugin is the registered linter: one Analyzer, built fresh from the
// settings, so two configurations in one process never share state.
type Plugin struct {
	cfg analyzer.Config
}

// New decodes and checks the settings; golangci-lint calls it once per
// run with the settings map from .golangci.yml.
func New(conf any) (register.LinterPlugin, error) {
	s, err := register.DecodeSettings[Settings](conf)
	if err != nil {
		// encoding/json names the bad key or field but not the good
		// ones: list them.
		return nil, fmt.Errorf("blockcheck settings: %w (the settings are %s)", err, settingNames)
	}
	cfg := analyzer.Config{Tests: s.Tests, Entries: s.Entry, Stack: s.Stack}
	for _, f := range s.Disable {
		cfg.Disable = append(cfg.Disable, analyzer.Family(f))
	}
	for _, f := range s.Enable {
		cfg.Enable = append(cfg.Enable, analyzer.Family(f))
	}
	for i, b := range s.Blocking {
		if b.Func == "" {
			return nil, fmt.Errorf("blockcheck settings: blocking[%d] has no func", i)
		}
		cfg.Blocking = append(cfg.Blocking, analyzer.Blocking{Func: b.Func, Alternative: b.Alternative})
	}
	if err := cfg.Validate(); err != nil {
		return nil, fmt.Errorf("blockcheck settings: %w", err)
	}
	return &Plugin{cfg: cfg}, nil
}

// BuildAnalyzers returns a new blockcheck Analyzer.
func (p *Plugin) BuildAnalyzers() ([]*analysis.Analyzer, error) {
	// Clone the lists: the Analyzer's flags append to its copy of the
	// Config, and must not write into the plugin's.
	cfg := p.cfg
	cfg.Disable = slices.Clone(cfg.Disable)
	cfg.Enable = slices.Clone(cfg.Enable)
	cfg.Entries = slices.Clone(cfg.Entries)
	cfg.Blocking = slices.Clone(cfg.Blocking)
	return []*analysis.Analyzer{withoutRelated(analyzer.New(cfg))}, nil
}

// withoutRelated makes a report its findings without their Related
// positions. golangci-lint turns each Related position into an issue of
// its own ("blockcheck(related information): entry point: ..."), on the
// entry point's line: one copy per finding, counted as issues, and not
// covered by a //nolint:blockcheck on the finding's line, so a
// suppressed finding would still fail the run. The message already
// names the entry point; the standalone command shows the whole path.
func withoutRelated(a *analysis.Analyzer) *analysis.Analyzer {
	run := a.Run
	a.Run = func(pass *analysis.Pass) (any, error) {
		p := *pass
		p.Report = func(d analysis.Diagnostic) {
			d.Related = nil
			pass.Report(d)
		}
		return run(&p)
	}
	return a
}

// GetLoadMode asks for type information: blockcheck needs types and
// facts, and the syntax-only mode cannot provide them.
func (p *Plugin) GetLoadMode() string { return register.LoadModeTypesInfo }
