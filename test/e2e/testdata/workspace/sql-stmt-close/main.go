package accounts

import (
	"context"
	"database/sql"
)

func rename(ctx context.Context, db *sql.DB, ids []int64, name string) error {
	stmt, err := db.PrepareContext(ctx, "UPDATE accounts SET name = $1 WHERE id = $2")
	if err != nil {
		return err
	}
	for _, id := range ids {
		if _, err := stmt.ExecContext(ctx, name, id); err != nil {
			return err
		}
	}
	return nil
}
