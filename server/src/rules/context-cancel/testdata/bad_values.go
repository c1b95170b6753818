package worker

import (
	"context"
	"time"
)

// `_ = cancel` keeps the compiler quiet and cancels nothing.
func wait(parent context.Context) {
	ctx, cancel := context.WithTimeout(parent, time.Second) // want "context-cancel"
	_ = cancel
	<-ctx.Done()
}

// The same with the var form.
func waitDeclared(parent context.Context) error {
	var ctx, cancel = context.WithCancel(parent) // want "context-cancel"
	_ = cancel
	return fetch(ctx)
}

// The second WithTimeout replaces the first cancel function before anyone calls it.
func narrowed(parent context.Context) error {
	ctx, cancel := context.WithTimeout(parent, time.Minute) // want "context-cancel"
	ctx, cancel = context.WithTimeout(ctx, time.Second)
	defer cancel()
	return fetch(ctx)
}

// The closure that would cancel is never called.
func stopNeverRun(parent context.Context) error {
	ctx, cancel := context.WithCancel(parent) // want "context-cancel"
	stop := func() { cancel() }
	_ = stop
	return fetch(ctx)
}
