package store

import "database/sql"

// The second query reuses `rows` while the first rows are still open.
func twoQueries(db *sql.DB) (int, error) {
	rows, err := db.Query("SELECT id FROM users") // want "sql-rows-close"
	if err != nil {
		return 0, err
	}
	rows, err = db.Query("SELECT id FROM admins")
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		n++
	}
	return n, rows.Err()
}

// The closure that would close the rows only runs when handed to nobody.
func closerNeverCalled(db *sql.DB) error {
	rows, err := db.Query("SELECT 1") // want "sql-rows-close"
	if err != nil {
		return err
	}
	closeRows := func() { rows.Close() }
	_ = closeRows
	return rows.Err()
}

// `_ = rows` is not a hand-off.
func silencedRows(db *sql.DB) error {
	rows, err := db.Query("SELECT 1") // want "sql-rows-close"
	_ = rows
	return err
}
