package repo

import (
	"context"
	"database/sql"
)

type txKey struct{}

var db *sql.DB

type IRepo interface {
	Create(ctx context.Context, name string) error
	Rename(ctx context.Context, name string) error
}

type Repo struct{}

func NewIRepo() IRepo {
	return &Repo{}
}

// A unit of work kept in memory.
type Tx struct{ names []string }

func (t *Tx) Insert(name string) error {
	t.names = append(t.names, name)
	return nil
}

var fallback = &Tx{}

// Looks a transaction up in the context: the context only carries it.
func getTx(ctx context.Context) *Tx {
	if tx, ok := ctx.Value(txKey{}).(*Tx); ok {
		return tx
	}
	return fallback
}

func (r *Repo) Create(ctx context.Context, name string) error {
	return getTx(ctx).Insert(name)
}

// Exported, and reads the value through the same helper.
func TxOf(ctx context.Context) *Tx {
	if ctx == nil {
		return fallback
	}
	return getTx(ctx)
}

// The context reaches a query here.
func (r *Repo) Rename(ctx context.Context, name string) error {
	_, err := db.ExecContext(ctx, "UPDATE items SET name = ?", name)
	return err
}

// Five calls deep before the value is read: past what is followed.
func Deep(ctx context.Context) string  { return deep1(ctx) }
func deep1(ctx context.Context) string { return deep2(ctx) }
func deep2(ctx context.Context) string { return deep3(ctx) }
func deep3(ctx context.Context) string { return deep4(ctx) }
func deep4(ctx context.Context) string { s, _ := ctx.Value(txKey{}).(string); return s }

// Passes the context round in a cycle.
func Ping(ctx context.Context, n int) string {
	if n == 0 {
		s, _ := ctx.Value(txKey{}).(string)
		return s
	}
	return pong(ctx, n-1)
}

func pong(ctx context.Context, n int) string { return Ping(ctx, n) }
