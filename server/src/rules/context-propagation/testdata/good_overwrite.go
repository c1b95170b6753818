package orders

import "context"

// The nil guard, written the other way round.
func (s *Store) Count(ctx context.Context) (int64, error) {
	if nil == ctx {
		ctx = context.Background()
	}
	var n int64
	err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM orders").Scan(&n)
	return n, err
}

// The else branch of a non-nil check fills in the missing context.
func (s *Store) Touch(ctx context.Context, id int64) error {
	if ctx != nil {
		_ = ctx.Err()
	} else {
		ctx = context.Background()
	}
	_, err := s.db.ExecContext(ctx, "UPDATE orders SET touched = now() WHERE id = $1", id)
	return err
}
