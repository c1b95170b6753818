package orders

import (
	"context"

	"go.opentelemetry.io/otel/trace"
)

// Each span is ended before the variable gets the next one.
func sequential(ctx context.Context, repo Repo, o *Order) error {
	_, span := tracer.Start(ctx, "orders.validate")
	span.End()
	_, span = tracer.Start(ctx, "orders.store")
	defer span.End()
	return repo.Save(ctx, o)
}

// `defer span.End()` evaluates `span` at once: it ends the first span even after reassignment.
func deferredEach(ctx context.Context, repo Repo, o *Order) error {
	_, span := tracer.Start(ctx, "orders.first")
	defer span.End()
	_, span = tracer.Start(ctx, "orders.second")
	defer span.End()
	return repo.Save(ctx, o)
}

// The var form, ended by a defer.
func declaredEnded(ctx context.Context, repo Repo, o *Order) error {
	var ctx2, span = tracer.Start(ctx, "orders.declared")
	defer span.End()
	return repo.Save(ctx2, o)
}

// A closure kept in a variable and called.
func finishedByClosure(ctx context.Context, repo Repo, o *Order) error {
	ctx, span := tracer.Start(ctx, "orders.closure")
	finish := func() { span.End() }
	err := repo.Save(ctx, o)
	finish()
	return err
}

// A closure kept in a variable and deferred.
func deferredClosure(ctx context.Context, repo Repo, o *Order) error {
	ctx, span := tracer.Start(ctx, "orders.deferred")
	finish := func() { span.End() }
	defer finish()
	return repo.Save(ctx, o)
}

// A literal called on the spot.
func calledOnTheSpot(ctx context.Context, repo Repo, o *Order) error {
	ctx, span := tracer.Start(ctx, "orders.spot")
	err := repo.Save(ctx, o)
	func() { span.End() }()
	return err
}

// A deferred closure set up before the span exists ends whatever `span` holds at the end.
func endedLater(ctx context.Context, repo Repo, o *Order) error {
	var span trace.Span
	defer func() {
		if span != nil {
			span.End()
		}
	}()
	ctx, span = tracer.Start(ctx, "orders.later")
	return repo.Save(ctx, o)
}
