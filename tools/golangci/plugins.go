package main

// The module plugins compiled into this golangci-lint.
import _ "github.com/blockcheck/blockcheck/plugin"
