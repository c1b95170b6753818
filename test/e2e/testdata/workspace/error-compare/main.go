package users

import (
	"context"
	"database/sql"
	"fmt"
)

type Store struct{ db *sql.DB }

func (s *Store) DisplayName(ctx context.Context, id int64) (string, error) {
	name, err := s.userName(ctx, id)
	if err == sql.ErrNoRows {
		return "anonymous", nil
	}
	return name, err
}

// userName wraps what Scan returns, so ErrNoRows reaches DisplayName inside another error.
func (s *Store) userName(ctx context.Context, id int64) (string, error) {
	var name string
	if err := s.db.QueryRowContext(ctx, "SELECT name FROM users WHERE id = $1", id).Scan(&name); err != nil {
		return "", fmt.Errorf("user %d: %w", id, err)
	}
	return name, nil
}
