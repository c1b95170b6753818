package worker

import (
	"context"
	"time"
)

// A closure kept in a variable and deferred.
func stopDeferred(parent context.Context) error {
	ctx, cancel := context.WithCancel(parent)
	stop := func() { cancel() }
	defer stop()
	return fetch(ctx)
}

// A literal called on the spot once the work is done.
func cancelledOnTheSpot(parent context.Context) error {
	ctx, cancel := context.WithTimeout(parent, time.Second)
	err := fetch(ctx)
	func() { cancel() }()
	return err
}

// The first cancel is called before the variable takes the second.
func cancelledBeforeReplacing(parent context.Context) error {
	ctx, cancel := context.WithTimeout(parent, time.Minute)
	if err := fetch(ctx); err != nil {
		cancel()
		return err
	}
	cancel()
	ctx, cancel = context.WithTimeout(parent, time.Second)
	defer cancel()
	return fetch(ctx)
}

// `defer cancel()` takes the cancel function at once: each context gets its own.
func deferredEach(parent context.Context) error {
	ctx, cancel := context.WithTimeout(parent, time.Minute)
	defer cancel()
	ctx, cancel = context.WithTimeout(ctx, time.Second)
	defer cancel()
	return fetch(ctx)
}
