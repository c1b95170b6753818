package orders

import (
	"context"
	"log"

	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/trace"
)

// Worker has a Start method of its own that returns no span.
type Worker struct{}

func (Worker) Start(ctx context.Context, name string) (context.Context, func()) {
	return ctx, func() { log.Printf("%s done", name) }
}

// Starter is an interface of another shape: not an OpenTelemetry tracer.
type Starter interface {
	Start(ctx context.Context, name string) (context.Context, interface{ End() })
}

// operation keeps the span and ends it in Finish.
type operation struct {
	span trace.Span
}

func (op *operation) Finish() { op.span.End() }

// The usual shape: defer right after Start.
func (s *Service) Describe(ctx context.Context, id string) (*Order, error) {
	ctx, span := s.tracer.Start(ctx, "orders.describe")
	defer span.End()
	return s.repo.Load(ctx, id)
}

// A deferred closure that records the error before ending the span.
func (s *Service) Refund(ctx context.Context, o *Order) (err error) {
	ctx, span := s.tracer.Start(ctx, "orders.refund")
	defer func() {
		if err != nil {
			span.RecordError(err)
			span.SetStatus(codes.Error, err.Error())
		}
		span.End()
	}()
	return s.repo.Save(ctx, o)
}

func endSpan(span trace.Span, err *error) {
	if *err != nil {
		span.RecordError(*err)
	}
	span.End()
}

// A deferred helper taking the span.
func (s *Service) Archive(ctx context.Context, o *Order) (err error) {
	ctx, span := s.tracer.Start(ctx, "orders.archive")
	defer endSpan(span, &err)
	return s.repo.Save(ctx, o)
}

func runLater(f func(...trace.SpanEndOption)) { f() }

// A deferred helper taking the End method value.
func (s *Service) Touch(ctx context.Context, o *Order) error {
	ctx, span := s.tracer.Start(ctx, "orders.touch")
	defer runLater(span.End)
	return s.repo.Save(ctx, o)
}

// Ended explicitly on every path out.
func (s *Service) Validate(ctx context.Context, o *Order) bool {
	_, span := s.tracer.Start(ctx, "orders.validate")
	if o == nil {
		span.End()
		return false
	}
	ok := len(o.Items) > 0
	span.End()
	return ok
}

// The span is returned: the caller ends it.
func startOp(ctx context.Context, name string) (context.Context, trace.Span) {
	ctx, span := tracer.Start(ctx, name)
	span.AddEvent("begin")
	return ctx, span
}

// The span is stored in a struct that ends it later.
func begin(ctx context.Context) (context.Context, *operation) {
	ctx, span := tracer.Start(ctx, "operation")
	return ctx, &operation{span: span}
}

func finishSpan(span trace.Span) { span.End() }

// The span is passed to a function, which takes ownership.
func handOff(ctx context.Context) {
	_, span := tracer.Start(ctx, "handoff")
	finishSpan(span)
}

// The span is put into a context that is handed on.
func intoContext(ctx context.Context, next func(context.Context)) {
	_, span := tracer.Start(ctx, "outer")
	next(trace.ContextWithSpan(ctx, span))
}

// Detached work ends the span at a time this function cannot see.
func background(ctx context.Context, work func(context.Context)) {
	ctx, span := tracer.Start(ctx, "background")
	go func() {
		defer span.End()
		work(ctx)
	}()
}

// The span is discarded, but ended through the context.
func viaContext(ctx context.Context, o *Order, repo Repo) error {
	ctx, _ = otel.Tracer("ctx").Start(ctx, "via-context")
	defer trace.SpanFromContext(ctx).End()
	return repo.Save(ctx, o)
}

// The span is discarded, but the context that carries it goes back to the caller.
func withSpan(ctx context.Context, name string) context.Context {
	ctx, _ = tracer.Start(ctx, name)
	return ctx
}

// Ended in both branches: the rule does not guess about conditional ends.
func branches(ctx context.Context, fast bool) {
	_, span := tracer.Start(ctx, "branches")
	if fast {
		span.End()
	} else {
		span.AddEvent("slow")
		span.End()
	}
}

// Deferred inside a loop: the defer-in-loop rule's business, not this one.
func loopDefer(ctx context.Context, ids []string) {
	for _, id := range ids {
		_, span := tracer.Start(ctx, id)
		defer span.End()
	}
}

// Start methods of other types.
func notTracers(ctx context.Context, w Worker, st Starter) {
	_, done := w.Start(ctx, "job")
	defer done()
	_, other := st.Start(ctx, "other")
	_ = other
}

// A hook split across two callbacks: Before starts the span and returns the context that
// carries it, After ends it with trace.SpanFromContext.
type hook struct{}

func (hook) Before(ctx context.Context, name string) (context.Context, error) {
	ctx, span := tracer.Start(ctx, name)
	span.SetName(name)
	return ctx, nil
}

// The same with the span discarded and the context returned inside another one.
type ctxKey struct{}

func (hook) Tag(ctx context.Context, name string) context.Context {
	ctx, _ = tracer.Start(ctx, name)
	return context.WithValue(ctx, ctxKey{}, name)
}

// The context is kept in a map until the matching end event arrives.
type tracker struct{ active map[string]context.Context }

func (t *tracker) start(ctx context.Context, name string) {
	ctx, span := tracer.Start(ctx, name)
	span.SetName(name)
	t.active[name] = ctx
}

// A function that returns a context built from the one that carries the span.
func inject(ctx context.Context) context.Context { return ctx }

func (hook) TagClient(ctx context.Context, name string) context.Context {
	ctx, _ = tracer.Start(ctx, name)
	return inject(context.WithValue(ctx, ctxKey{}, name))
}

// The context is stored for another callback, which ends the span it carries.
type hooks struct{ active map[string]context.Context }

func (h *hooks) begin(ctx context.Context, t trace.Tracer, name string) {
	ctx, span := t.Start(ctx, name)
	span.AddEvent("begin")
	h.active[name] = ctx
}
