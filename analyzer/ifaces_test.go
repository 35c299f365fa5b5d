package analyzer_test

import (
	"testing"

	"github.com/blockcheck/blockcheck/analyzer"
	"golang.org/x/tools/go/analysis/analysistest"
)

// TestInterfaces: a call through an interface of the package is
// followed into its implementations in the package, and reported with
// the implementation's path; implementations that do not block give
// nothing.
func TestInterfaces(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), analyzer.New(analyzer.Config{}), "ifaces")
}
