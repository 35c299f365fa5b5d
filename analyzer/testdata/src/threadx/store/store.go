// Package store has a blocking function with a Context twin, and one
// without.
package store

import (
	"context"
	"os/exec"
)

// Usage runs du.
func Usage(dir string) (string, error) { // want Usage:`blocks\(exec: exec.Command\)`
	out, err := exec.Command("du", "-sh", dir).Output()
	return string(out), err
}

// UsageContext runs du until ctx is done.
func UsageContext(ctx context.Context, dir string) (string, error) {
	out, err := exec.CommandContext(ctx, "du", "-sh", dir).Output()
	return string(out), err
}

// Size runs du, and has no twin.
func Size(dir string) (string, error) { // want Size:`blocks\(exec: exec.Command\)`
	out, err := exec.Command("du", "-s", dir).Output()
	return string(out), err
}

// Count has a twin whose parameters differ: no fix calls it.
func Count(dir string) (string, error) { // want Count:`blocks\(exec: exec.Command\)`
	out, err := exec.Command("ls", dir).Output()
	return string(out), err
}

// CountContext takes its arguments in another order.
func CountContext(ctx context.Context, n int, dir string) (string, error) {
	return "", nil
}

// Wipe removes dir with rm, and has no twin.
func Wipe(dir string) error { // want Wipe:`blocks\(exec: exec.Command\)`
	return exec.Command("rm", "-rf", dir).Run()
}

// Stat runs stat, and has no twin.
func Stat(path string) (string, error) { // want Stat:`blocks\(exec: exec.Command\)`
	out, err := exec.Command("stat", path).Output()
	return string(out), err
}
