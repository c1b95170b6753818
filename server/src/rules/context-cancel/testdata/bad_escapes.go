package worker

import (
	"context"
	"database/sql"
	"time"
)

func watch(ctx context.Context) { <-ctx.Done() }

// The context outlives the function in each of these: a `defer cancel()` would cancel it while
// it is still in use, so the findings come without a fix.

func returned(parent context.Context) context.Context {
	ctx, _ := context.WithTimeout(parent, time.Minute) // want "context-cancel"
	return ctx
}

func handedToGoroutine(parent context.Context) {
	ctx, _ := context.WithTimeout(parent, time.Minute) // want "context-cancel"
	go watch(ctx)
}

type poller struct{ ctx context.Context }

func (p *poller) start(parent context.Context) {
	ctx, _ := context.WithCancel(parent) // want "context-cancel"
	p.ctx = ctx
}

// The rows keep using the context after the function returns them.
func query(parent context.Context, db *sql.DB) (*sql.Rows, error) {
	ctx, _ := context.WithTimeout(parent, time.Minute) // want "context-cancel"
	return db.QueryContext(ctx, "SELECT 1")
}
