package users

import (
	"database/sql"

	"github.com/pkg/errors"
)

var ErrNotFound = errors.New("user not found")

// `errors` is github.com/pkg/errors here: the fix imports the standard library's errors under
// another name rather than rely on pkg/errors having Is.
func find(db *sql.DB, id int64) (string, error) {
	var name string
	err := db.QueryRow("SELECT name FROM users WHERE id = $1", id).Scan(&name)
	if err == sql.ErrNoRows {
		return "", ErrNotFound
	}
	if err != nil {
		return "", errors.Wrap(err, "find user")
	}
	return name, nil
}

func lookup(find func(int64) (string, error), id int64) string {
	name, err := find(id)
	if err == ErrNotFound { // want "error-compare:information"
		return "nobody"
	}
	return name
}
