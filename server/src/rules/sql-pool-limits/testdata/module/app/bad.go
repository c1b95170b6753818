package app

import (
	"database/sql"

	"example.com/shop/internal/dbutil"
)

// The helper sizes the pool but never retires connections.
func sized(dsn string) error {
	db, err := sql.Open("postgres", dsn) // want "sql-pool-limits"
	if err != nil {
		return err
	}
	dbutil.Size(db, 10)
	return serve(db)
}

// serve uses the pool for as long as the process runs.
func serve(db *sql.DB) error { return db.Ping() }
