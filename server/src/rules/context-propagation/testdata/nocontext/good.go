package legacy

import "database/sql"

// A package that never imports context has not started passing one: the information variant
// would only repeat itself in every function, so it stays silent.
func count(db *sql.DB) (int, error) {
	var n int
	err := db.QueryRow("SELECT count(*) FROM orders").Scan(&n)
	return n, err
}

func purge(db *sql.DB) error {
	_, err := db.Exec("DELETE FROM orders")
	return err
}
