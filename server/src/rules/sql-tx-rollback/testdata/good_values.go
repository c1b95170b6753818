package orders

import (
	"context"
	"database/sql"
)

// `_ = tx` changes nothing: rolled back on the error path, committed otherwise.
func refundOrder(ctx context.Context, db *sql.DB, id int64) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	_ = tx
	if _, err := tx.ExecContext(ctx, "UPDATE orders SET state = 'refunded' WHERE id = $1", id); err != nil {
		_ = tx.Rollback()
		return err
	}
	return tx.Commit()
}
