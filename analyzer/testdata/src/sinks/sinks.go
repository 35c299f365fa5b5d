// Package sinks builds requests and commands without a context and
// hands them to functions that send or run them.
package sinks

import (
	"context"
	"net/http"
	"os/exec"

	"sinks/transport"
)

// Fetch's request is sent by another package's function.
func Fetch(ctx context.Context, u string) error {
	req, err := http.NewRequest("GET", u, nil) // want `http.NewRequest in Fetch, which takes a context, ignores cancellation`
	if err != nil {
		return err
	}
	resp, err := transport.Send(http.DefaultClient, req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// FetchCtx's request carries ctx.
func FetchCtx(ctx context.Context, u string) error {
	req, err := http.NewRequestWithContext(ctx, "GET", u, nil)
	if err != nil {
		return err
	}
	resp, err := transport.Send(http.DefaultClient, req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// FetchGiven's request gets its context from the sender.
func FetchGiven(ctx context.Context, u string) error {
	req, err := http.NewRequest("GET", u, nil)
	if err != nil {
		return err
	}
	resp, err := transport.SendContext(ctx, http.DefaultClient, req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// FetchMaybe's request gets its context from the sender, which sends
// it bare only when the context is nil.
func FetchMaybe(ctx context.Context, u string) error {
	req, err := http.NewRequest("GET", u, nil)
	if err != nil {
		return err
	}
	resp, err := transport.SendMaybe(ctx, http.DefaultClient, req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// Describe's request is never sent.
func Describe(ctx context.Context, u string) string {
	req, _ := http.NewRequest("GET", u, nil)
	return transport.Describe(req)
}

// Trip's request is sent by a RoundTripper.
func Trip(ctx context.Context, rt http.RoundTripper, u string) error {
	req, err := http.NewRequest("GET", u, nil) // want `http.NewRequest in Trip, which takes a context, ignores cancellation`
	if err != nil {
		return err
	}
	resp, err := rt.RoundTrip(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// Git's command is run by a helper of the package.
func Git(ctx context.Context) error {
	cmd := exec.Command("git", "fetch") // want `exec.Command in Git, which takes a context, ignores cancellation`
	return runCmd(cmd)
}

func runCmd(cmd *exec.Cmd) error {
	return cmd.Run()
}

// GitCtx's command is killed with ctx.
func GitCtx(ctx context.Context) error {
	cmd := exec.CommandContext(ctx, "git", "fetch")
	return runCmd(cmd)
}

// GitOther's command is run by another package's function.
func GitOther(ctx context.Context) error {
	return transport.Run(exec.Command("git", "pull")) // want `exec.Command in GitOther, which takes a context, ignores cancellation`
}

// Print only looks at the command.
func Print(ctx context.Context) string {
	cmd := exec.Command("git", "status")
	return describe(cmd)
}

func describe(cmd *exec.Cmd) string { return cmd.String() }
