package orders

import (
	"context"

	oteltrace "go.opentelemetry.io/otel/trace"
)

// Reporter reaches the trace package through an alias.
type Reporter struct {
	tr oteltrace.Tracer
}

// The empty case returns before the deferred End is registered.
func (r *Reporter) Report(ctx context.Context, names []string) int {
	_, span := r.tr.Start(ctx, "report") // want "otel-span-end"
	if len(names) == 0 {
		return 0
	}
	defer span.End()
	span.SetAttributes()
	return len(names)
}
