package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"strings"

	"github.com/blockcheck/blockcheck/analyzer"
)

// vetSettings checks blockcheck's own settings among the arguments go
// vet passes for one package. For a package the user named, a bad
// value is an error that names it, in one line. A dependency that go
// vet analyses only for its facts (VetxOnly in its .cfg) skips the
// check: the bad setting is dropped there, so the user reads the
// error once per named package, not once per package of the build.
// It returns the arguments to run with.
func vetSettings(args []string) ([]string, error) {
	if len(args) == 0 || !strings.HasSuffix(args[len(args)-1], ".cfg") {
		return args, nil // -V=full or -flags
	}
	var cfg analyzer.Config
	settings := flag.NewFlagSet("blockcheck", flag.ContinueOnError)
	cfg.BindFlags(settings)
	var out []string
	var bad error
	for _, arg := range args {
		name, value, hasValue := strings.Cut(strings.TrimLeft(arg, "-"), "=")
		f := settings.Lookup(name)
		if !strings.HasPrefix(arg, "-") || f == nil {
			out = append(out, arg)
			continue
		}
		if !hasValue {
			value = "true" // go vet passes name=value; a bare name is a boolean
		}
		if err := f.Value.Set(value); err != nil {
			if bad == nil {
				bad = fmt.Errorf("invalid value %q for flag -%s: %v", value, name, err)
			}
			continue
		}
		out = append(out, arg)
	}
	if bad == nil {
		return args, nil
	}
	if vetxOnly(args[len(args)-1]) {
		return out, nil
	}
	return nil, bad
}

// vetxOnly reports whether go vet runs the tool on this package only
// for its facts.
func vetxOnly(cfgFile string) bool {
	data, err := os.ReadFile(cfgFile)
	if err != nil {
		return false
	}
	var cfg struct{ VetxOnly bool }
	return json.Unmarshal(data, &cfg) == nil && cfg.VetxOnly
}
