package orders

import (
	"context"

	"go.opentelemetry.io/otel"

	"example.com/shop/internal/spans"
)

var tracer = otel.Tracer("orders")

// The helper only annotates the span: nothing ends it.
func annotated(ctx context.Context) {
	_, span := tracer.Start(ctx, "annotated") // want "otel-span-end"
	spans.Annotate(span, "started")
}

// The helper ends the span, but the early return leaves before it.
func endedLate(ctx context.Context, ids []string) error {
	ctx, span := tracer.Start(ctx, "endedLate") // want "otel-span-end"
	if len(ids) == 0 {
		return nil
	}
	err := ctx.Err()
	spans.Finish(span, err)
	return err
}
