// Command blockcheck reports blocking operations that ignore
// cancellation on goroutine, handler and event-loop paths.
//
// Usage:
//
//	blockcheck [flags] packages...
//
// It takes the flags of every golang.org/x/tools analysis driver
// (-fix, -diff, -json, -c, -test), blockcheck's own (-disable, -tests,
// -entry, -blocking, -stack, -std), and -format=sarif, which writes
// SARIF 2.1.0 for code scanning to standard output. It also runs as a
// go vet tool:
//
//	go vet -vettool=$(command -v blockcheck) ./...
package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"

	"github.com/blockcheck/blockcheck/analyzer"
	"github.com/blockcheck/blockcheck/internal/sarif"
	"golang.org/x/tools/go/analysis/singlechecker"
)

func main() {
	format, args, err := splitFormat(os.Args[1:])
	if err != nil {
		fmt.Fprintf(os.Stderr, "blockcheck: %v\n", err)
		os.Exit(2)
	}
	switch format {
	case "", "text":
		if fix, rest := takeBool(args, "fix"); fix && !hasFlag(rest, "diff") && !hasFlag(rest, "json") {
			os.Exit(runFix(rest, os.Stdout, os.Stderr))
		}
		os.Args = append(os.Args[:1], args...)
		singlechecker.Main(analyzer.New(analyzer.Config{}))
	case "sarif":
		os.Exit(runSARIF(args, os.Stdout, os.Stderr))
	default:
		fmt.Fprintf(os.Stderr, "blockcheck: unknown -format %q (want text or sarif)\n", format)
		os.Exit(2)
	}
}

// splitFormat takes the -format flag, which is the command's own and
// not the driver's, out of the arguments.
func splitFormat(args []string) (string, []string, error) {
	var format string
	var rest []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		name, value, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if !strings.HasPrefix(a, "-") || name != "format" {
			rest = append(rest, a)
			continue
		}
		if !hasValue {
			if i+1 == len(args) {
				return "", nil, errors.New("-format needs a value: text or sarif")
			}
			i++
			value = args[i]
		}
		format = value
	}
	return format, rest, nil
}

// takeBool removes a boolean flag (-name, --name, -name=true) from the
// arguments before the first non-flag, and says whether it was set.
func takeBool(args []string, name string) (bool, []string) {
	set := false
	var rest []string
	for i, a := range args {
		if !strings.HasPrefix(a, "-") || a == "--" {
			rest = append(rest, args[i:]...)
			break
		}
		n, v, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if n == name {
			set = !hasValue || v == "true" || v == "1"
			continue
		}
		rest = append(rest, a)
	}
	return set, rest
}

// hasFlag reports whether a boolean flag is set in the arguments.
func hasFlag(args []string, name string) bool {
	set, _ := takeBool(args, name)
	return set
}

// runSARIF runs blockcheck again with -json and converts what it
// prints. Like -json, it exits 0 whether or not there are findings, so
// that a CI step can upload the report; 1 means the analysis failed.
func runSARIF(args []string, stdout, stderr io.Writer) int {
	out, code := runJSON(args, stderr)
	if out == nil {
		return code
	}
	root, err := os.Getwd()
	if err != nil {
		fmt.Fprintf(stderr, "blockcheck: %v\n", err)
		return 1
	}
	if err := (sarif.Options{Root: root}).Convert(out, stdout); err != nil {
		fmt.Fprintf(stderr, "blockcheck: writing SARIF: %v\n", err)
		return 1
	}
	return 0
}

// runJSON runs this command again with -json and the given arguments
// and returns what it printed; nil and the exit status when it failed
// without printing anything (load errors are printed on stderr).
func runJSON(args []string, stderr io.Writer) (*bytes.Buffer, int) {
	self, err := os.Executable()
	if err != nil {
		fmt.Fprintf(stderr, "blockcheck: %v\n", err)
		return nil, 1
	}
	var out bytes.Buffer
	cmd := exec.Command(self, append([]string{"-json"}, args...)...)
	cmd.Stdout, cmd.Stderr = &out, stderr
	if err := cmd.Run(); err != nil && out.Len() == 0 {
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			return nil, exit.ExitCode()
		}
		fmt.Fprintf(stderr, "blockcheck: %v\n", err)
		return nil, 1
	}
	return &out, 0
}
