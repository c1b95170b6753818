package orders

import (
	"context"
	"database/sql"
	"time"
)

type Order struct{ ID int64 }

type Store struct{ db *sql.DB }

func (s *Store) FindOrder(parent context.Context, id int64) (*Order, error) {
	ctx, cancel := context.WithTimeout(parent, 2*time.Second)
	if id <= 0 {
		return nil, sql.ErrNoRows
	}
	var o Order
	err := s.db.QueryRowContext(ctx, "SELECT id FROM orders WHERE id = ?", id).Scan(&o.ID)
	cancel()
	return &o, err
}
