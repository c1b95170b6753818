package configured

import "database/sql"

// Stored in a package variable and sized in another file of the package (good_limits.go).
var pool *sql.DB

func Open(dsn string) error {
	db, err := sql.Open("postgres", dsn)
	if err != nil {
		return err
	}
	pool = db
	return nil
}
