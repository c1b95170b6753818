package stored

import (
	"database/sql"
	"time"
)

// The pool lives in a package variable; no file of this package ever sizes it.
var pool *sql.DB

func Open(dsn string) error {
	db, err := sql.Open("postgres", dsn) // want "sql-pool-limits"
	if err != nil {
		return err
	}
	pool = db
	return nil
}

type Store struct {
	db      *sql.DB
	timeout time.Duration
}

func NewStore(dsn string) (*Store, error) {
	s := &Store{timeout: time.Second}
	var err error
	s.db, err = sql.Open("postgres", dsn) // want "sql-pool-limits"
	if err != nil {
		return nil, err
	}
	return s, nil
}
