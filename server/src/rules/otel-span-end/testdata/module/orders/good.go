package orders

import (
	"context"

	tracing "example.com/shop/internal/spans"
)

// Ended by the module's helper (an aliased import) on every path.
func endedByHelper(ctx context.Context) (err error) {
	ctx, span := tracer.Start(ctx, "endedByHelper")
	defer func() { tracing.Finish(span, err) }()
	return ctx.Err()
}

// Ended by the helper, called as the last statement.
func endedAtEnd(ctx context.Context) error {
	ctx, span := tracer.Start(ctx, "endedAtEnd")
	err := ctx.Err()
	tracing.Finish(span, err)
	return err
}

// A helper that ends the span only sometimes may keep it: handed on, not judged.
func endedSometimes(ctx context.Context) error {
	ctx, span := tracer.Start(ctx, "endedSometimes")
	err := ctx.Err()
	tracing.FinishOnError(span, err)
	return err
}
