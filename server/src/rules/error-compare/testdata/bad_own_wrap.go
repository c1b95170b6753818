package errs

import (
	"database/sql"
	"fmt"
)

// loadEmail wraps the driver's error with %w, so the sentinel no longer arrives bare.
func loadEmail(db *sql.DB, id int) (string, error) {
	var email string
	if err := db.QueryRow("SELECT email FROM users WHERE id = $1", id).Scan(&email); err != nil {
		return "", fmt.Errorf("load email %d: %w", id, err)
	}
	return email, nil
}

func emailOrEmpty(db *sql.DB, id int) (string, error) {
	email, err := loadEmail(db, id)
	if err == sql.ErrNoRows { // want "error-compare"
		return "", nil
	}
	return email, err
}
