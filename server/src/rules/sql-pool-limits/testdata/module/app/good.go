package app

import (
	"database/sql"

	du "example.com/shop/internal/dbutil"
)

// Every limit set by the module's helper (an aliased import).
func configured(dsn string) error {
	db, err := sql.Open("postgres", dsn)
	if err != nil {
		return err
	}
	du.Configure(db)
	return serve(db)
}
