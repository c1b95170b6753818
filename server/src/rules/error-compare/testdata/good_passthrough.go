package errs

import (
	"database/sql"
)

type Repo struct{ db *sql.DB }

// findName hands the driver's error on as it got it: sql.ErrNoRows arrives bare.
func (r *Repo) findName(id int) (string, error) {
	var name string
	err := r.db.QueryRow("SELECT name FROM users WHERE id = $1", id).Scan(&name)
	return name, err
}

// A function of this package that wraps nothing, called and compared by the same authors.
func (r *Repo) NameOr(id int, fallback string) (string, error) {
	name, err := r.findName(id)
	if err == sql.ErrNoRows {
		return fallback, nil
	}
	return name, err
}

func lookup(db *sql.DB, id int) error {
	var n int
	return db.QueryRow("SELECT 1 FROM users WHERE id = $1", id).Scan(&n)
}

// The same through a plain function.
func exists(db *sql.DB, id int) (bool, error) {
	err := lookup(db, id)
	if err == sql.ErrNoRows {
		return false, nil
	}
	return err == nil, err
}
