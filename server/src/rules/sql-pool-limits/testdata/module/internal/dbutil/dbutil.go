// Helpers the app package calls through the module index.
package dbutil

import (
	"database/sql"
	"time"
)

// Configure sets every pool limit on every path.
func Configure(db *sql.DB) {
	db.SetMaxOpenConns(20)
	db.SetMaxIdleConns(20)
	db.SetConnMaxLifetime(5 * time.Minute)
}

// Size sets the pool sizes only; connections are never retired.
func Size(db *sql.DB, n int) {
	db.SetMaxOpenConns(n)
	db.SetMaxIdleConns(n)
}
