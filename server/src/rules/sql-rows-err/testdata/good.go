package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log"

	"github.com/jmoiron/sqlx"
)

// Idiom: the error of the loop returned together with the results.
func emails(db *sql.DB) ([]string, error) {
	rows, err := db.Query("SELECT email FROM users")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var email string
		if err := rows.Scan(&email); err != nil {
			return nil, err
		}
		out = append(out, email)
	}
	return out, rows.Err()
}

// Idiom: `if err := rows.Err(); err != nil` after the loop.
func countAll(ctx context.Context, db *sql.DB) (int, error) {
	rows, err := db.QueryContext(ctx, "SELECT id FROM users")
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		n++
	}
	if err := rows.Err(); err != nil {
		return 0, fmt.Errorf("count users: %w", err)
	}
	return n, nil
}

// Idiom: `err = rows.Err()` assigned after the loop and checked later.
func logNames(db *sql.DB) {
	rows, err := db.Query("SELECT name FROM users")
	if err != nil {
		log.Print(err)
		return
	}
	defer rows.Close()
	for rows.Next() {
		var name string
		_ = rows.Scan(&name)
		log.Print(name)
	}
	err = rows.Err()
	if err != nil {
		log.Print(err)
	}
}

// Idiom: Err checked inside a deferred func literal declared before the loop.
func sumWithDeferredCheck(db *sql.DB) (total int64, err error) {
	rows, err := db.Query("SELECT amount FROM payments")
	if err != nil {
		return 0, err
	}
	defer func() {
		if closeErr := rows.Close(); err == nil {
			err = errors.Join(rows.Err(), closeErr)
		}
	}()
	for rows.Next() {
		var amount int64
		if err = rows.Scan(&amount); err != nil {
			return 0, err
		}
		total += amount
	}
	return total, nil
}

// Idiom: the rows are returned to the caller, who finishes reading them.
func skipHeader(db *sql.DB) (*sql.Rows, error) {
	rows, err := db.Query("SELECT line FROM imports")
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		break
	}
	return rows, nil
}

// Idiom: the rows are passed to a deferred helper that checks Err.
func withHelper(db *sql.DB) (err error) {
	rows, err := db.Query("SELECT 1")
	if err != nil {
		return err
	}
	defer finish(rows, &err)
	for rows.Next() {
	}
	return nil
}

func finish(rows *sql.Rows, err *error) {
	if e := rows.Err(); e != nil && *err == nil {
		*err = e
	}
	_ = rows.Close()
}

// Idiom: the rows are a parameter: a scanning helper whose caller checks Err.
func scanIDs(rows *sql.Rows) ([]int64, error) {
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, nil
}

// Idiom: QueryRow has no loop and reports its error from Scan.
func nameOf(db *sql.DB, id int64) (string, error) {
	var name string
	err := db.QueryRow("SELECT name FROM users WHERE id = $1", id).Scan(&name)
	return name, err
}

// Idiom: `if rows.Next()` reads one row; no loop.
func exists(db *sql.DB) (bool, error) {
	rows, err := db.Query("SELECT 1 FROM users LIMIT 1")
	if err != nil {
		return false, err
	}
	defer rows.Close()
	if rows.Next() {
		return true, nil
	}
	return false, rows.Err()
}

// Idiom: rows of an enclosing function read in a func literal; the enclosing function checks Err.
func readInClosure(db *sql.DB) error {
	rows, err := db.Query("SELECT id FROM users")
	if err != nil {
		return err
	}
	defer rows.Close()
	read := func() {
		for rows.Next() {
		}
	}
	read()
	return rows.Err()
}

// Idiom: rows of another library (not database/sql or sqlx): the type is unknown, stay silent.
type cursor interface{ Next() bool }

func drain(c cursor) int {
	rows := c
	n := 0
	for rows.Next() {
		n++
	}
	return n
}

// Idiom: Err consulted with the wrong error returned (a different bug), still a check.
func checkedWithoutAssign(db *sqlx.DB) error {
	rows, err := db.Queryx("SELECT 1")
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
	}
	if rows.Err() != nil {
		return errors.New("iteration failed")
	}
	return nil
}

// Idiom: two loops over two result sets, Err checked after the last one.
func bothSets(db *sql.DB) error {
	rows, err := db.Query("SELECT 1; SELECT 2")
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
	}
	if !rows.NextResultSet() {
		return rows.Err()
	}
	for rows.Next() {
	}
	return rows.Err()
}

// Idiom: sqlx rows handed to a scanning function after the first row.
func scanRest(db *sqlx.DB, dest *[]map[string]any) error {
	rows, err := db.Queryx("SELECT * FROM settings")
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		break
	}
	return sqlx.StructScan(rows, dest)
}
