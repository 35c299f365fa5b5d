// Command blockcheck reports blocking operations that ignore
// cancellation on goroutine, handler and event-loop paths.
//
// Usage:
//
//	blockcheck [flags] packages...
//
// It analyses one package at a time, in dependency order, from the
// export data the go command builds and the facts of the packages
// before (internal/driver): no package's syntax or types outlive its
// analysis, packages run in parallel as their dependencies finish, and
// each package's findings and facts are cached ($BLOCKCHECK_CACHE, an
// absolute path, by default blockcheck under the user cache directory;
// "off" disables it), so a re-run on unchanged code reads them back.
//
// Flags: -fix, which writes the suggested fixes (all files or none,
// each checked to be the content analysed), and -fix -diff, which
// prints them as a unified diff for git apply instead; -json and -c as
// in every golang.org/x/tools analysis driver; -format=sarif, which
// writes SARIF 2.1.0 for code scanning to standard output; -tags,
// passed to the go command; -v, which prints each phase on standard
// error (on a terminal, progress shows by itself after two seconds);
// and blockcheck's own (-disable, -enable, -tests, -entry, -blocking,
// -stack, -std; the chanaudit rules are off unless -enable=chanaudit). Flags
// that conflict or do nothing are errors, and so are names given to
// -entry and -blocking that no loaded package declares. Text findings
// go to standard output, errors and notes to standard error. It also
// runs as a go vet tool:
//
//	go vet -vettool="$(go env GOPATH)/bin/blockcheck" ./...
//
// Exit status: 0 no findings, 3 findings, 1 the packages could not be
// loaded or analysed, 2 bad flags. With -json and -format=sarif it is
// 0 whether or not there are findings.
package main

import (
	"fmt"
	"os"
	"strings"

	"github.com/blockcheck/blockcheck/analyzer"
	"golang.org/x/tools/go/analysis/singlechecker"
)

func main() {
	if vetProtocol(os.Args[1:]) {
		// go vet asks for the tool's version and flags, then runs it
		// on one package described by a .cfg file. A bad setting is
		// said here in one line, rather than by the flag package's
		// usage text for every package.
		args, err := vetSettings(os.Args[1:])
		if err != nil {
			fmt.Fprintf(os.Stderr, "blockcheck: %v\n", err)
			os.Exit(1)
		}
		os.Args = append(os.Args[:1], args...)
		singlechecker.Main(analyzer.New(analyzer.Config{}))
		return
	}
	os.Exit(drive(os.Args[1:], os.Stdout, os.Stderr))
}

// vetProtocol reports whether the arguments are those go vet passes to
// a vet tool: -V=full, -flags, or flags and a .cfg file.
func vetProtocol(args []string) bool {
	if len(args) == 0 {
		return false
	}
	if strings.HasSuffix(args[len(args)-1], ".cfg") {
		return true
	}
	for _, a := range args {
		switch a {
		case "-V=full", "--V=full", "-flags", "--flags":
			return true
		}
	}
	return false
}
