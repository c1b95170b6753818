package report

import (
	"database/sql"

	ru "example.com/shop/internal/rowsutil"
)

// Closed by the module's helper, through an aliased import, on every path.
func closedByHelper(db *sql.DB) (int, error) {
	rows, err := db.Query("SELECT id FROM orders")
	if err != nil {
		return 0, err
	}
	defer ru.Close(rows)
	ids, err := ru.IDs(rows)
	return len(ids), err
}

// A helper that closes only on some paths may still keep them open: handed on, not judged.
func closedSometimes(db *sql.DB, done bool) error {
	rows, err := db.Query("SELECT id FROM orders")
	if err != nil {
		return err
	}
	ru.CloseIf(rows, done)
	return nil
}
