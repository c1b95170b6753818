package orders

import (
	"context"
	"database/sql"
)

type Order struct{ ID int64 }

func placeOrder(ctx context.Context, db *sql.DB, o Order) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, "INSERT INTO orders (id) VALUES ($1)", o.ID); err != nil {
		return err
	}
	return tx.Commit()
}
