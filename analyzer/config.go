package analyzer

import (
	"errors"
	"flag"
	"fmt"
	"regexp"
	"slices"
	"strings"
)

// A Family groups blocking operations that share a cause and a remedy.
// It is the Category of every diagnostic, the name a user gives to
// -disable, and the rule id in every output format.
type Family string

// The rule families, in the order the documentation lists them.
const (
	Sleep     Family = "sleep"     // time.Sleep, timers, tickers, throttles
	Chan      Family = "chan"      // channel operations whose other side can be shown to leave
	ChanAudit Family = "chanaudit" // every channel wait that ignores a context at hand
	Sync      Family = "sync"      // sync.Cond, WaitGroup misuse, blocking under a lock
	HTTP      Family = "http"      // net/http requests without a context
	SQL       Family = "sql"       // database/sql calls without a context
	Exec      Family = "exec"      // os/exec commands without a context
	Net       Family = "net"       // dials, listens, lookups, TLS handshakes
	Syscall   Family = "syscall"   // blocking system calls, which cannot be cancelled
	EventLoop Family = "eventloop" // blocking calls inside a for-select loop
	Custom    Family = "custom"    // blocking functions named by the user
)

// Families lists every rule family.
var Families = []Family{Sleep, Chan, ChanAudit, Sync, HTTP, SQL, Exec, Net, Syscall, EventLoop, Custom}

// DefaultOff lists the families that are off unless Config.Enable (the
// -enable flag) names them. chanaudit reports every channel wait that
// ignores a context at hand, witness or not: on real code most of those
// are operations whose other side always answers, which the chan
// family's witness rule tells apart.
var DefaultOff = []Family{ChanAudit}

// Config is everything a user can set. The command's flags, the
// golangci-lint plugin's settings and the analyzer share it: New takes
// one, and the Analyzer's flags write into that same value.
type Config struct {
	// Disable switches rule families off.
	Disable []Family
	// Enable switches on the families of DefaultOff. Disable wins.
	Enable []Family
	// Tests makes _test.go files count: their functions become entry
	// points and their findings are reported. It also counts test
	// support: the other files that import testing.
	Tests bool
	// Entries names more entry functions, by full name as
	// (*types.Func).FullName prints it: "example.com/pkg.Run" or
	// "(*example.com/pkg.Server).Loop".
	Entries []string
	// Blocking names more blocking functions, each with the
	// alternative the message suggests.
	Blocking []Blocking
	// Stack adds the stack to the finding an internal error becomes.
	Stack bool
	// Std analyses the standard library's own packages too, which the
	// catalog otherwise stands for: a way to run blockcheck over a lot
	// of real code when testing blockcheck itself.
	Std bool

	// panicIn makes the analysis panic in the named function: tests
	// use it to check that a crash becomes one finding.
	panicIn string
}

// Blocking is a user-declared blocking function.
type Blocking struct {
	Func        string // full name, as in Config.Entries
	Alternative string // what to do instead, as the message says it ("use Wait(ctx)"); may be empty
}

// fullNameRE accepts what (*types.Func).FullName prints for a function
// or a method: "path/pkg.F", "(path/pkg.T).M" or "(*path/pkg.T).M".
var fullNameRE = regexp.MustCompile(`^(\(\*?[^()\s*]+\.[A-Za-z_]\w*\)\.[A-Za-z_]\w*|[^()\s*]+\.[A-Za-z_]\w*)$`)

// Validate reports the first setting that is wrong, naming it.
func (c *Config) Validate() error {
	for _, f := range c.Disable {
		if !slices.Contains(Families, f) {
			return fmt.Errorf("unknown rule family %q in disable (known: %s)", f, familyList())
		}
	}
	for _, f := range c.Enable {
		if !slices.Contains(Families, f) {
			return fmt.Errorf("unknown rule family %q in enable (known: %s)", f, familyList())
		}
	}
	for _, e := range c.Entries {
		if !fullNameRE.MatchString(e) {
			return fmt.Errorf("entry %q is not a function's full name such as example.com/pkg.Run or (*example.com/pkg.Server).Loop", e)
		}
	}
	for _, b := range c.Blocking {
		if !fullNameRE.MatchString(b.Func) {
			return fmt.Errorf("blocking function %q is not a function's full name such as example.com/pkg.Wait or (*example.com/pkg.Limiter).Take", b.Func)
		}
	}
	return nil
}

func (c *Config) enabled(f Family) bool {
	if slices.Contains(c.Disable, f) {
		return false
	}
	return !slices.Contains(DefaultOff, f) || slices.Contains(c.Enable, f)
}

func familyList() string {
	names := make([]string, len(Families))
	for i, f := range Families {
		names[i] = string(f)
	}
	return strings.Join(names, ", ")
}

// BindFlags registers on fs the flags New gives an Analyzer, writing
// into c: for a command that reads the settings before it makes the
// Analyzer.
func (c *Config) BindFlags(fs *flag.FlagSet) { c.bindFlags(fs) }

// bindFlags registers one flag per setting on fs, each writing into c
// and each rejecting a bad value with a message that names it.
func (c *Config) bindFlags(fs *flag.FlagSet) {
	fs.Var(familyFlag(&c.Disable), "disable",
		"comma-separated rule families to switch off: "+familyList())
	fs.Var(familyFlag(&c.Enable), "enable",
		"comma-separated rule families that are off by default to switch on: "+strings.Join(familyStrings(DefaultOff), ", "))
	fs.BoolVar(&c.Tests, "tests", c.Tests, "also analyse _test.go files and test support (other files that import testing)")
	fs.BoolVar(&c.Stack, "stack", c.Stack, "print the stack with an internal error")
	fs.BoolVar(&c.Std, "std", c.Std, "also analyse the standard library's packages (for testing blockcheck itself)")
	fs.Var(listFlag{func(s string) error {
		if !fullNameRE.MatchString(s) {
			return fmt.Errorf("%q is not a function's full name such as example.com/pkg.Run or (*example.com/pkg.Server).Loop", s)
		}
		c.Entries = append(c.Entries, s)
		return nil
	}, func() []string { return c.Entries }, false}, "entry",
		"comma-separated full names of more entry functions, e.g. (*example.com/pkg.Server).Loop")
	fs.Var(listFlag{func(s string) error {
		name, alt, _ := strings.Cut(s, "=")
		if !fullNameRE.MatchString(name) {
			return fmt.Errorf("%q is not a function's full name such as (*example.com/pkg.Limiter).Take", name)
		}
		c.Blocking = append(c.Blocking, Blocking{Func: name, Alternative: alt})
		return nil
	}, func() []string {
		var out []string
		for _, b := range c.Blocking {
			out = append(out, b.Func+"="+b.Alternative)
		}
		return out
	}, true}, "blocking",
		"a blocking function to add, as FULLNAME or FULLNAME=ALTERNATIVE (repeat the flag for more), e.g. (*example.com/rate.Limiter).Take=Wait(ctx)")
}

// familyFlag is a list flag of rule families, each checked and added
// once.
func familyFlag(list *[]Family) listFlag {
	return listFlag{func(s string) error {
		f := Family(s)
		if !slices.Contains(Families, f) {
			return fmt.Errorf("unknown rule family %q (known: %s)", s, familyList())
		}
		if !slices.Contains(*list, f) {
			*list = append(*list, f)
		}
		return nil
	}, func() []string { return familyStrings(*list) }, false}
}

func familyStrings(fs []Family) []string {
	out := make([]string, len(fs))
	for i, f := range fs {
		out[i] = string(f)
	}
	return out
}

// listFlag is a comma-separated, repeatable flag whose elements are
// checked one by one as they are set.
type listFlag struct {
	add   func(string) error
	get   func() []string
	whole bool // one element per use: the value may itself hold commas
}

func (l listFlag) String() string {
	if l.get == nil {
		return ""
	}
	return strings.Join(l.get(), ",")
}

func (l listFlag) Set(s string) error {
	parts := strings.Split(s, ",")
	if l.whole {
		parts = []string{s}
	}
	if strings.Trim(s, ", \t") == "" {
		return errors.New("empty value: give at least one name")
	}
	for _, part := range parts {
		if part = strings.TrimSpace(part); part == "" {
			continue
		}
		if err := l.add(part); err != nil {
			return err
		}
	}
	return nil
}
