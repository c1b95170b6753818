package orders

import (
	"context"
	"database/sql"
)

// The rollback closure is written but never called: the early return leaves the transaction open.
func cancelOrder(ctx context.Context, db *sql.DB, id int64) error {
	tx, err := db.BeginTx(ctx, nil) // want "sql-tx-rollback"
	if err != nil {
		return err
	}
	rollback := func() { _ = tx.Rollback() }
	_ = rollback
	if _, err := tx.ExecContext(ctx, "UPDATE orders SET state = 'cancelled' WHERE id = $1", id); err != nil {
		return err
	}
	return tx.Commit()
}

// A leftover `_ = tx` hands nothing on: the early return still leaves the transaction open.
func holdOrder(ctx context.Context, db *sql.DB, id int64) error {
	tx, err := db.BeginTx(ctx, nil) // want "sql-tx-rollback"
	if err != nil {
		return err
	}
	_ = tx
	if _, err := tx.ExecContext(ctx, "UPDATE orders SET state = 'held' WHERE id = $1", id); err != nil {
		return err
	}
	return tx.Commit()
}
