// Helpers the orders package calls through the module index.
package spans

import "go.opentelemetry.io/otel/trace"

// Finish records the error, if any, and ends the span on every path.
func Finish(span trace.Span, err error) {
	if err != nil {
		span.RecordError(err)
	}
	span.End()
}

// Annotate sets an attribute and never ends the span.
func Annotate(span trace.Span, key string) {
	span.AddEvent(key)
}

// FinishOnError ends the span only when there is an error.
func FinishOnError(span trace.Span, err error) {
	if err != nil {
		span.End()
	}
}
