// sqlclosecheck's published cases for rows, written again for this rule: what it reports
// that this rule reports too.
package peers

import (
	"context"
	"database/sql"
	"log"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jmoiron/sqlx"
)

var (
	ctx  context.Context
	db   *sql.DB
	dbx  *sqlx.DB
	pool *pgxpool.Pool
	conn *pgx.Conn
	tx   pgx.Tx
)

// No Close at all (rows, closed and sqlx cases).
func agesNoClose() []string {
	rows, err := db.QueryContext(ctx, "SELECT name FROM people WHERE age = ?", 40) // want "sql-rows-close:information"
	if err != nil {
		log.Fatal(err)
	}
	var names []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			log.Fatal(err)
		}
		names = append(names, name)
	}
	if err := rows.Err(); err != nil {
		log.Fatal(err)
	}
	return names
}

func sqlxNoClose() int {
	rows, err := dbx.Queryx("SELECT name FROM people WHERE age = ?", 27) // want "sql-rows-close:information"
	if err != nil {
		log.Fatal(err)
	}
	n := 0
	for rows.Next() {
		n++
	}
	return n
}

// The error dropped, in a plain and in a generic function.
func droppedError(db *sql.DB) {
	rows, _ := db.Query("SELECT id FROM things") // want "sql-rows-close:information"
	for rows.Next() {
	}
}

func droppedErrorGeneric[T ~int64](db *sql.DB, limit T) {
	rows, _ := db.Query("SELECT id FROM things") // want "sql-rows-close:information"
	for rows.Next() {
	}
}

// pgx rows from a transaction, a connection and a pool, read but never closed.
func pgxNoClose() {
	fromTx, err := tx.Query(ctx, "SELECT login FROM accounts") // want "sql-rows-close"
	if err != nil {
		log.Fatal(err)
	}
	fromTx.Next()
	fromConn, err := conn.Query(ctx, "SELECT login FROM accounts") // want "sql-rows-close"
	if err != nil {
		log.Fatal(err)
	}
	fromConn.Next()
	fromPool, err := pool.Query(ctx, "SELECT login FROM accounts") // want "sql-rows-close"
	if err != nil {
		log.Fatal(err)
	}
	fromPool.Next()
}

// sqlclosecheck keeps this one silent because the loop reads the rows to the end; this rule asks
// for the deferred Close all the same (the catalog: rows "not closed with defer rows.Close()"),
// as information: nothing leaks until an early return is added to the loop.
func readToTheEnd() []string {
	rows, err := db.QueryContext(ctx, "SELECT name FROM people") // want "sql-rows-close:information"
	if err != nil {
		log.Fatal(err)
	}
	var names []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			log.Fatal(err)
		}
		names = append(names, name)
	}
	if err := rows.Err(); err != nil {
		log.Fatal(err)
	}
	return names
}
