package users

import (
	"context"
	"database/sql"
)

type Store struct{ db *sql.DB }

func (s *Store) FindByName(ctx context.Context, name string) (*sql.Rows, error) {
	return s.db.QueryContext(ctx, "SELECT id FROM users WHERE name = '"+name+"'")
}
