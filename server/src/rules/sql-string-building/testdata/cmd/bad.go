// A command-line tool: its arguments, flags and environment are the input.
package main

import (
	"database/sql"
	"flag"
	"fmt"
	"os"
)

var table = flag.String("table", "events", "table to prune")

func main() {
	db, err := sql.Open("postgres", os.Getenv("DSN"))
	if err != nil {
		panic(err)
	}
	defer db.Close()

	q := fmt.Sprintf("SELECT * FROM users WHERE name = '%s'", os.Args[1])
	rows, err := db.Query(q) // want "sql-string-building"
	if err != nil {
		panic(err)
	}
	defer rows.Close()

	if _, err := db.Exec("DELETE FROM users WHERE email = " + os.Args[2]); err != nil { // want "sql-string-building"
		panic(err)
	}

	var owner string
	flag.StringVar(&owner, "owner", "", "owner to delete")
	days := flag.String("days", "30", "age in days")
	flag.Parse()
	if _, err := db.Exec("DELETE FROM " + *table + " WHERE age > 30"); err != nil { // want "sql-string-building"
		panic(err)
	}
	if _, err := db.Exec(fmt.Sprintf("DELETE FROM events WHERE owner = '%s'", owner)); err != nil { // want "sql-string-building"
		panic(err)
	}
	if _, err := db.Exec("DELETE FROM events WHERE age > " + *days); err != nil { // want "sql-string-building"
		panic(err)
	}
	for _, name := range flag.Args() {
		if _, err := db.Exec("DROP TABLE " + name); err != nil { // want "sql-string-building"
			panic(err)
		}
	}
	stmt, err := db.Prepare(fmt.Sprintf("SELECT name FROM users WHERE '%s' = ?", os.Args[3])) // want "sql-string-building"
	if err != nil {
		panic(err)
	}
	defer stmt.Close()
}
