package app

import (
	"database/sql"
	"testing"
)

// Idiom: a test opens a short-lived pool.
func TestPing(t *testing.T) {
	db, err := sql.Open("postgres", "postgres://localhost/test")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.Ping(); err != nil {
		t.Skip(err)
	}
}
