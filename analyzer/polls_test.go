package analyzer_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/blockcheck/blockcheck/analyzer"
)

// TestSyscallTimeouts: a system call that waits for file descriptors
// with a finite timeout is a poll, not a finding; with no timeout, or
// one only known at run time, it is.
func TestSyscallTimeouts(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), analyzer.New(analyzer.Config{}), "polls")
}
