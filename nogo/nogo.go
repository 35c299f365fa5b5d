// Package nogo exposes blockcheck the way Bazel's rules_go nogo expects
// an analyzer: as a package-level variable named Analyzer, configured
// through nogo's JSON analyzer_flags (the same names as the command's
// flags). Everywhere else, build one with analyzer.New.
package nogo

import "github.com/blockcheck/blockcheck/analyzer"

// Analyzer is blockcheck with its default configuration.
var Analyzer = analyzer.New(analyzer.Config{})
