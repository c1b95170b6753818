package orders

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/trace"
)

var tracer = otel.Tracer("orders")

type Order struct {
	ID    string
	Items []string
}

type Repo interface {
	Save(ctx context.Context, o *Order) error
	Load(ctx context.Context, id string) (*Order, error)
}

// Service keeps its tracer in a field; the index knows the field's type.
type Service struct {
	tracer trace.Tracer
	repo   Repo
}

// A package variable set from otel.Tracer; the span is never ended.
func Place(ctx context.Context, repo Repo, o *Order) error {
	ctx, span := tracer.Start(ctx, "orders.place") // want "otel-span-end"
	span.SetAttributes(attribute.String("order.id", o.ID))
	return repo.Save(ctx, o)
}

// The validation return skips the End at the bottom.
func (s *Service) Cancel(ctx context.Context, id string) error {
	ctx, span := s.tracer.Start(ctx, "orders.cancel") // want "otel-span-end"
	if id == "" {
		return errors.New("empty order id")
	}
	o, err := s.repo.Load(ctx, id)
	if err != nil {
		span.RecordError(err)
		span.SetStatus(codes.Error, "load failed")
	}
	span.End()
	_ = o
	return err
}

// The deferred End is written after an early return.
func (s *Service) Ship(ctx context.Context, o *Order) error {
	ctx, span := s.tracer.Start(ctx, "orders.ship") // want "otel-span-end"
	if len(o.Items) == 0 {
		return fmt.Errorf("order %s has no items", o.ID)
	}
	defer span.End()
	return s.repo.Save(ctx, o)
}

// A tracer passed as a parameter.
func audit(ctx context.Context, t trace.Tracer, action string) {
	_, span := t.Start(ctx, "audit") // want "otel-span-end"
	span.SetAttributes(attribute.String("action", action))
}

// otel.Tracer called inline, and through the global provider. The returned context carries the
// second span, which the caller may end (trace.SpanFromContext); the first span's context was
// replaced before the return, so nothing can end it.
func inlineTracers(ctx context.Context) context.Context {
	ctx, first := otel.Tracer("inline").Start(ctx, "first") // want "otel-span-end"
	first.AddEvent("started")
	ctx, second := otel.GetTracerProvider().Tracer("global").Start(ctx, "second")
	second.AddEvent("started")
	return ctx
}

// A tracer from an SDK provider.
func batch(ctx context.Context, tp *sdktrace.TracerProvider, ids []string) int {
	_, span := tp.Tracer("batch").Start(ctx, "batch.run") // want "otel-span-end"
	span.SetAttributes(attribute.Int("batch.size", len(ids)))
	return len(ids)
}

// The span is thrown away with `_`.
func (s *Service) Get(ctx context.Context, id string) (*Order, error) {
	getCtx, _ := s.tracer.Start(ctx, "orders.get") // want "otel-span-end"
	return s.repo.Load(getCtx, id)
}

// In a loop the `continue` skips the End.
func (s *Service) SaveAll(ctx context.Context, orders []*Order) error {
	var errs []error
	for _, o := range orders {
		itemCtx, span := s.tracer.Start(ctx, "orders.save") // want "otel-span-end"
		if o == nil {
			continue
		}
		if err := s.repo.Save(itemCtx, o); err != nil {
			errs = append(errs, err)
		}
		span.End()
	}
	return errors.Join(errs...)
}

// In a loop nothing ends the spans at all.
func (s *Service) LoadAll(ctx context.Context, ids []string) []*Order {
	var out []*Order
	for _, id := range ids {
		itemCtx, span := s.tracer.Start(ctx, "orders.load") // want "otel-span-end"
		span.SetAttributes(attribute.String("order.id", id))
		if o, err := s.repo.Load(itemCtx, id); err == nil {
			out = append(out, o)
		}
	}
	return out
}

// Inside a handler closure.
func (s *Service) Handler() http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		ctx, span := s.tracer.Start(r.Context(), "orders.http") // want "otel-span-end"
		o, err := s.repo.Load(ctx, r.URL.Query().Get("id"))
		if err != nil {
			http.Error(w, err.Error(), http.StatusNotFound)
			return
		}
		fmt.Fprintln(w, o.ID)
	}
}

// An assignment to variables declared earlier.
func retry(ctx context.Context, attempts int, do func(context.Context) error) error {
	var span trace.Span
	var err error
	ctx, span = tracer.Start(ctx, "retry") // want "otel-span-end"
	for i := 0; i < attempts; i++ {
		if err = do(ctx); err == nil {
			return nil
		}
		span.AddEvent("retrying")
	}
	return err
}
