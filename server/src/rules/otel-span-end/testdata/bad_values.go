package orders

import "context"

// A second Start into the same variable: the first span is lost, never ended.
func twoSpans(ctx context.Context) {
	_, span := tracer.Start(ctx, "first") // want "otel-span-end"
	_, span = tracer.Start(ctx, "second")
	defer span.End()
}

// The var form is the same as `:=`.
func declared(ctx context.Context, repo Repo, o *Order) error {
	var ctx2, span = tracer.Start(ctx, "orders.declared") // want "otel-span-end"
	return repo.Save(ctx2, o)
}

// The closure that would end the span is never called.
func uncalled(ctx context.Context, repo Repo, o *Order) error {
	ctx, span := tracer.Start(ctx, "orders.uncalled") // want "otel-span-end"
	finish := func() { span.End() }
	_ = finish
	return repo.Save(ctx, o)
}

// `_ = span` only quiets the compiler.
func silenced(ctx context.Context, repo Repo, o *Order) error {
	ctx, span := tracer.Start(ctx, "orders.silenced") // want "otel-span-end"
	_ = span
	return repo.Save(ctx, o)
}

// The deferred closure reads `span` when the function returns: it ends the retry, not the attempt.
func retried(ctx context.Context, repo Repo, o *Order) error {
	_, span := tracer.Start(ctx, "orders.attempt") // want "otel-span-end"
	defer func() { span.End() }()
	_, span = tracer.Start(ctx, "orders.retry")
	return repo.Save(ctx, o)
}
