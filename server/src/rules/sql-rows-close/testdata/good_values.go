package store

import "database/sql"

// Each result set is closed before the variable takes the next one.
func closedBetweenQueries(db *sql.DB) (int, error) {
	rows, err := db.Query("SELECT id FROM users")
	if err != nil {
		return 0, err
	}
	n := 0
	for rows.Next() {
		n++
	}
	rows.Close()
	rows, err = db.Query("SELECT id FROM admins")
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	for rows.Next() {
		n++
	}
	return n, rows.Err()
}

// A closer called on the spot once the rows are read.
func closedByLiteral(db *sql.DB) (int, error) {
	rows, err := db.Query("SELECT id FROM users")
	if err != nil {
		return 0, err
	}
	n := 0
	for rows.Next() {
		n++
	}
	func() { rows.Close() }()
	return n, nil
}
