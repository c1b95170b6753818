package billing

import (
	"database/sql"

	"example.com/shop/internal/txutil"
)

// The helper finishes the tx, but the failed insert returns before it runs.
func invoiceEarly(db *sql.DB, id int64) error {
	tx, err := db.Begin() // want "sql-tx-rollback"
	if err != nil {
		return err
	}
	if err := txutil.Insert(tx, id); err != nil {
		return err
	}
	return txutil.Finish(tx, nil)
}
