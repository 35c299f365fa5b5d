package main

import (
	"fmt"
	"strings"

	"github.com/blockcheck/blockcheck/internal/driver"
)

// unknownNames lists, one message each, the functions named by -entry
// and -blocking that no package of the run declares: such a name would
// otherwise be accepted and match nothing, silently.
func unknownNames(o *options, res *driver.Result) []string {
	var names []struct{ flag, name string }
	for _, e := range o.config.Entries {
		names = append(names, struct{ flag, name string }{"entry", e})
	}
	for _, b := range o.config.Blocking {
		names = append(names, struct{ flag, name string }{"blocking", b.Func})
	}
	var out []string
	for _, n := range names {
		found, meant := res.Resolve(n.name)
		if found {
			continue
		}
		msg := fmt.Sprintf("-%s %s names no function of the loaded packages", n.flag, n.name)
		switch len(meant) {
		case 0:
			msg += " (give the full name, as example.com/pkg.Func or (*example.com/pkg.Type).Method, of a function in the packages analysed or their dependencies)"
		case 1:
			msg += "; did you mean " + meant[0] + "?"
		default:
			msg += "; did you mean one of " + strings.Join(meant, ", ") + "?"
		}
		out = append(out, msg)
	}
	return out
}
