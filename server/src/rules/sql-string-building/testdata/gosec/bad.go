// The cases gosec's G201 and G202 samples flag, written again for this rule: SQL formatted or
// concatenated from the program's command-line arguments.
package main

import (
	"context"
	"database/sql"
	"fmt"
	"os"
)

func open() *sql.DB {
	db, err := sql.Open("sqlite3", ":memory:")
	if err != nil {
		panic(err)
	}
	return db
}

// G201: a quoted %s in the format, in upper and lower case, with a line break in the format.
func formatted() {
	db := open()
	byName := fmt.Sprintf("SELECT * FROM people WHERE name = '%s'", os.Args[1])
	rows, err := db.Query(byName) // want "sql-string-building"
	if err != nil {
		panic(err)
	}
	rows.Close()
	lower := fmt.Sprintf("select * from people where name = '%s'", os.Args[1])
	if _, err := db.Exec(lower); err != nil { // want "sql-string-building"
		panic(err)
	}
	broken := fmt.Sprintf("SELECT * FROM people WHERE\n name = '%s'", os.Args[1])
	if _, err := db.Exec(broken); err != nil { // want "sql-string-building"
		panic(err)
	}
}

// G201: through the Context forms, a transaction, QueryRow (kept or chained) and Prepare.
func formattedElsewhere(ctx context.Context) {
	db := open()
	q := fmt.Sprintf("select * from people where name = '%s'", os.Args[1])
	if rows, err := db.QueryContext(ctx, q); err == nil { // want "sql-string-building"
		rows.Close()
	}
	tx, err := db.Begin()
	if err != nil {
		panic(err)
	}
	defer tx.Rollback()
	if rows, err := tx.QueryContext(ctx, q); err == nil { // want "sql-string-building"
		rows.Close()
	}
	var name string
	row := db.QueryRow(q) // want "sql-string-building"
	_ = row.Scan(&name)
	_ = db.QueryRow(q).Scan(&name) // want "sql-string-building"
	byColumn := fmt.Sprintf("SELECT name FROM people WHERE '%s' = ?", os.Args[1])
	if stmt, err := db.Prepare(byColumn); err == nil { // want "sql-string-building"
		stmt.Close()
	}
	if stmt, err := db.PrepareContext(ctx, byColumn); err == nil { // want "sql-string-building"
		stmt.Close()
	}
}

// G202: concatenation, inline or through a variable, of one or several pieces.
func concatenated(ctx context.Context) {
	db := open()
	insert := "INSERT INTO people (name) VALUES ('" + os.Args[0] + "')"
	if _, err := db.Exec(insert); err != nil { // want "sql-string-building"
		panic(err)
	}
	if rows, err := db.Query("SELECT * FROM people WHERE name = " + os.Args[1]); err == nil { // want "sql-string-building"
		rows.Close()
	}
	if rows, err := db.Query("select * from people where name = " + os.Args[1]); err == nil { // want "sql-string-building"
		rows.Close()
	}
	if rows, err := db.QueryContext(ctx, "select * from people where name = "+os.Args[1]); err == nil { // want "sql-string-building"
		rows.Close()
	}
	if rows, err := db.Query("SELECT * FROM people" + " WHERE name = " + os.Args[1]); err == nil { // want "sql-string-building"
		rows.Close()
	}
	if _, err := db.ExecContext(ctx, "delete from people where name = "+os.Args[1]); err != nil { // want "sql-string-building"
		panic(err)
	}
	if _, err := db.Exec("delete from people where name = " + os.Args[1]); err != nil { // want "sql-string-building"
		panic(err)
	}
}

// G202: inside a transaction and on a dedicated connection.
func concatenatedHeld(ctx context.Context) {
	db := open()
	tx, err := db.Begin()
	if err != nil {
		panic(err)
	}
	defer tx.Rollback()
	if rows, err := tx.QueryContext(ctx, "select * from people where name = "+os.Args[1]); err == nil { // want "sql-string-building"
		rows.Close()
	}
	conn, err := db.Conn(ctx)
	if err != nil {
		panic(err)
	}
	defer conn.Close()
	if rows, err := conn.QueryContext(ctx, "select * from people where name = "+os.Args[1]); err == nil { // want "sql-string-building"
		rows.Close()
	}
}

func main() {
	formatted()
	formattedElsewhere(context.Background())
	concatenated(context.Background())
	concatenatedHeld(context.Background())
}
