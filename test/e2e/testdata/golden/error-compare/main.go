package users

import (
	"context"
	"database/sql"
	"errors"
)

type Store struct{ db *sql.DB }

func (s *Store) UserName(ctx context.Context, id int64) (string, error) {
	var name string
	err := s.db.QueryRowContext(ctx, "SELECT name FROM users WHERE id = $1", id).Scan(&name)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return name, err
}
