package main

import (
	"database/sql"
	"fmt"
	"os"

	"github.com/lib/pq"
)

const adults = "SELECT * FROM people WHERE age > 17"

const table = "people"

const minimum = "18"

var olderThan = "SELECT * FROM people WHERE age > "

// The samples gosec keeps silent, silent here too.
func silent(db *sql.DB) {
	// %d cannot print SQL.
	_, _ = db.Query(fmt.Sprintf("SELECT * FROM people WHERE id = %d", os.Args[1]))
	// A constant statement, a constant formatted in, constants concatenated.
	_, _ = db.Query(adults)
	_, _ = db.Query(fmt.Sprintf("SELECT * FROM %s WHERE id = 1", table))
	_, _ = db.Exec("DELETE FROM people WHERE age < " + minimum)
	_, _ = db.Query("SELECT * FROM people WHERE gender = " + gender)
	// The driver quotes the identifier.
	_, _ = db.Query(fmt.Sprintf("SELECT * FROM %s WHERE id = 1", pq.QuoteIdentifier(os.Args[1])))
	// A package variable the rule does not follow, with a constant.
	_, _ = db.Query(olderThan + minimum)
	// Formatting that is not SQL.
	fmt.Println(fmt.Sprintln())
	// A prepared statement's arguments are values.
	stmt, err := db.Prepare("SELECT * FROM people WHERE id = ?")
	if err != nil {
		return
	}
	defer stmt.Close()
	var name string
	_ = stmt.QueryRow(fmt.Sprintf("%s", os.Args[1])).Scan(&name)
}
