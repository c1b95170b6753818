package main

import (
	"database/sql"
	"fmt"
	"os"
	"strconv"

	"github.com/lib/pq"
)

const Table = "events"

// Numbers: an argument parsed as an int, printed with %d or strconv.Itoa.
func numbers(db *sql.DB) error {
	n, err := strconv.Atoi(os.Args[1])
	if err != nil {
		return err
	}
	if _, err := db.Exec(fmt.Sprintf("DELETE FROM events WHERE id = %d", n)); err != nil {
		return err
	}
	_, err = db.Exec("DELETE FROM events WHERE id > " + strconv.Itoa(n))
	return err
}

// gosec's own counter-example: %d of a string argument prints garbage, never SQL.
func digits(db *sql.DB) (*sql.Rows, error) {
	return db.Query(fmt.Sprintf("SELECT * FROM events WHERE id = %d", os.Args[1]))
}

// An identifier quoted by the driver.
func quoted(db *sql.DB) (*sql.Rows, error) {
	return db.Query(fmt.Sprintf("SELECT * FROM %s WHERE id = 1", pq.QuoteIdentifier(os.Args[1])))
}

// A constant table name.
func constant(db *sql.DB) (*sql.Rows, error) {
	return db.Query(fmt.Sprintf("SELECT * FROM %s WHERE id = 1", Table))
}

// In package main no other package calls these functions: a parameter is the program's own value.
func prune(db *sql.DB, table string) error {
	_, err := db.Exec("DELETE FROM " + table + " WHERE age > 30")
	return err
}

// An argument checked against a fixed list before it is used.
func pick(db *sql.DB) (*sql.Rows, error) {
	column := os.Args[1]
	switch column {
	case "name", "email":
	default:
		column = "id"
	}
	return db.Query("SELECT " + column + " FROM users")
}

// A statement's arguments are values, not SQL.
func viaStatement(db *sql.DB) error {
	stmt, err := db.Prepare("SELECT * FROM album WHERE id = ?")
	if err != nil {
		return err
	}
	defer stmt.Close()
	var album string
	return stmt.QueryRow(fmt.Sprintf("%s", os.Args[1])).Scan(&album)
}
