package orders

import (
	"context"

	"github.com/jmoiron/sqlx"
)

// The Context forms.
func (s *Store) LinesCtx(ctx context.Context, order int64) ([]Line, error) {
	stmt, err := s.dbx.PreparexContext(ctx, "SELECT id, order_id FROM lines WHERE order_id = $1")
	if err != nil {
		return nil, err
	}
	defer stmt.Close()
	var out []Line
	err = stmt.SelectContext(ctx, &out, order)
	return out, err
}

func (s *Store) CountCtx(ctx context.Context) (int, error) {
	var n int
	err := sqlx.GetContext(ctx, s.dbx, &n, "SELECT count(*) FROM lines")
	return n, err
}

// sqlx.Get given a value whose type is not known to have the context methods.
type queryer interface {
	sqlx.Queryer
}

func countVia(ctx context.Context, q queryer) (int, error) {
	var n int
	err := sqlx.Get(q, &n, "SELECT count(*) FROM lines")
	return n, err
}

// sqlx.In only rewrites the query text.
func (s *Store) ByIDs(ctx context.Context, ids []int64) ([]Line, error) {
	query, args, err := sqlx.In("SELECT id, order_id FROM lines WHERE id IN (?)", ids)
	if err != nil {
		return nil, err
	}
	var out []Line
	err = s.dbx.SelectContext(ctx, &out, s.dbx.Rebind(query), args...)
	return out, err
}
