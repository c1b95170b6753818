package report

import (
	"database/sql"

	"example.com/shop/internal/rowsutil"
)

// The helper reads the rows and never closes them: they stay open.
func readOnly(db *sql.DB) ([]int64, error) {
	rows, err := db.Query("SELECT id FROM orders") // want "sql-rows-close"
	if err != nil {
		return nil, err
	}
	return rowsutil.IDs(rows)
}

// The helper closes them, but an early return leaves before it does.
func closedLate(db *sql.DB) (int, error) {
	rows, err := db.Query("SELECT id FROM orders") // want "sql-rows-close"
	if err != nil {
		return 0, err
	}
	n := 0
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return 0, err
		}
		n++
	}
	rowsutil.Close(rows)
	return n, nil
}
