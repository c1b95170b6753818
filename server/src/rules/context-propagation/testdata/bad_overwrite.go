package orders

import "context"

// The caller's context is thrown away for the rest of the function: its cancellation and
// deadline never reach the query.
func (s *Store) Reprice(ctx context.Context, id int64) error {
	ctx = context.Background() // want "context-propagation"
	_, err := s.db.ExecContext(ctx, "UPDATE orders SET total = total * 2 WHERE id = $1", id)
	return err
}

// A guard on something else is no nil check of the context.
func (s *Store) Archive(ctx context.Context, id int64, detached bool) error {
	if detached {
		ctx = context.TODO() // want "context-propagation"
	}
	_, err := s.db.ExecContext(ctx, "UPDATE orders SET archived = true WHERE id = $1", id)
	return err
}
