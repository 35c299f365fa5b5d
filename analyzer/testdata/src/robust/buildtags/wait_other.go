//go:build !plan9 && !windows

package buildtags

func platformWait() {}

const platformName = "unix"
