package worker

import (
	"context"
	stdctx "context"
	"errors"
	"time"
)

type Client struct {
	timeout time.Duration
}

func fetch(ctx context.Context) error { return ctx.Err() }

// The cancel function is thrown away.
func discarded(parent context.Context) error {
	ctx, _ := context.WithTimeout(parent, time.Second) // want "context-cancel"
	return fetch(ctx)
}

// Thrown away through an import alias, with a deadline.
func discardedAlias(parent stdctx.Context) error {
	var ctx, _ = stdctx.WithDeadline(parent, time.Now().Add(time.Minute)) // want "context-cancel"
	return fetch(ctx)
}

// WithCancelCause: its cancel takes an error.
func discardedCause(parent context.Context) error {
	ctx, _ := context.WithCancelCause(parent) // want "context-cancel"
	return fetch(ctx)
}

// Assigned with = to an existing variable: reported, but no fix (the name would be undeclared).
func discardedAssign(parent context.Context) error {
	ctx := parent
	ctx, _ = context.WithCancel(parent) // want "context-cancel"
	return fetch(ctx)
}

// Called on the happy path only: the early return leaks the context.
func earlyReturn(parent context.Context, id string) error {
	ctx, cancel := context.WithTimeout(parent, 3*time.Second) // want "context-cancel"
	if id == "" {
		return errors.New("empty id")
	}
	err := fetch(ctx)
	cancel()
	return err
}

// The defer comes after a return.
func lateDefer(parent context.Context, id string) error {
	ctx, cancel := context.WithTimeout(parent, 3*time.Second) // want "context-cancel"
	if id == "" {
		return errors.New("empty id")
	}
	defer cancel()
	return fetch(ctx)
}

// A method: the cancel is called in one branch of a switch only.
func (c *Client) Do(parent context.Context, kind int) error {
	ctx, cancel := context.WithTimeout(parent, c.timeout) // want "context-cancel"
	switch kind {
	case 1:
		cancel()
		return nil
	case 2:
		return fetch(ctx)
	}
	cancel()
	return nil
}

// Runs off the end of the function without calling cancel on one branch.
func fallsOffTheEnd(parent context.Context, wait bool) {
	ctx, cancel := context.WithCancel(parent) // want "context-cancel"
	if wait {
		<-ctx.Done()
		return
	}
	go func() {
		_ = fetch(ctx)
	}()
	if !wait {
		cancel()
	}
}

// Inside a goroutine's function literal, with an early return in a loop.
func inGoroutine(parent context.Context, ids []string) {
	go func() {
		ctx, cancel := context.WithTimeout(parent, time.Second) // want "context-cancel"
		for _, id := range ids {
			if id == "stop" {
				return
			}
		}
		_ = fetch(ctx)
		cancel()
	}()
}

// Inside a loop: a continue skips cancel, and the loop then ends at its head.
func inLoop(parent context.Context, ids []string) error {
	for _, id := range ids {
		ctx, cancel := context.WithTimeout(parent, time.Second) // want "context-cancel"
		if id == "" {
			continue
		}
		if err := fetch(ctx); err != nil {
			cancel()
			return err
		}
		cancel()
	}
	return nil
}
