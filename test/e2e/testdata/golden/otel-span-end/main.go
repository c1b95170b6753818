package orders

import (
	"context"
	"errors"

	"go.opentelemetry.io/otel"
)

var tracer = otel.Tracer("orders")

func Cancel(ctx context.Context, id string) error {
	ctx, span := tracer.Start(ctx, "orders.cancel")
	defer span.End()
	if id == "" {
		return errors.New("empty order id")
	}
	err := cancelOrder(ctx, id)
	return err
}

func cancelOrder(ctx context.Context, id string) error { return nil }
