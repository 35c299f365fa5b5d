package sinks

import (
	"context"
	"os/exec"
)

// proc keeps a command built with no context in a field; Run runs it
// where a context is at hand.
type proc struct {
	cmd *exec.Cmd
}

func newProc(name string) *proc {
	return &proc{cmd: exec.Command(name)}
}

// Run waits for the process whatever ctx says.
func (p *proc) Run(ctx context.Context) error {
	return p.cmd.Run() // want `\(\*exec\.Cmd\)\.Run of p\.cmd, built by exec\.Command at cmdfield\.go:\d+, in \(\*proc\)\.Run, which takes a context, ignores cancellation: build the command with exec\.CommandContext`
}

// reaper's Wait reaps a process started elsewhere: killing it is what
// ends it, no finding.
func (p *proc) reap(ctx context.Context) error {
	return p.cmd.Wait()
}

// boundProc's field is also set from CommandContext: which command runs
// is not known, no finding.
type boundProc struct {
	cmd *exec.Cmd
}

func (b *boundProc) start(ctx context.Context, name string, bound bool) error {
	if bound {
		b.cmd = exec.CommandContext(ctx, name)
	} else {
		b.cmd = exec.Command(name)
	}
	return b.cmd.Run()
}
