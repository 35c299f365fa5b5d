package analyzer_test

import (
	"testing"

	"github.com/blockcheck/blockcheck/analyzer"
	"golang.org/x/tools/go/analysis/analysistest"
)

// TestWitness: a channel operation is reported when the other side can
// be shown to leave, and the message names where; each shape has a
// clean twin whose other side always answers.
func TestWitness(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), analyzer.New(analyzer.Config{}), "witness/...")
}

// TestWitnessAcrossPackages: a goroutine started with a function of
// another package is a side known from that function's fact.
func TestWitnessAcrossPackages(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), analyzer.New(analyzer.Config{}), "witnessx/...")
}
