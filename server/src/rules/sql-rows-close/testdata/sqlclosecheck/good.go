package peers

import (
	"database/sql"
	"log"

	"github.com/jackc/pgx/v5"
)

// Deferred Close, directly or in a closure (sql, sqlx, pgx).
func deferredClose() {
	rows, err := db.QueryContext(ctx, "SELECT name FROM people")
	if err != nil {
		log.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
	}
}

func deferredBlock() {
	rows, err := db.QueryContext(ctx, "SELECT name FROM people")
	if err != nil {
		log.Fatal(err)
	}
	defer func() {
		if err := rows.Close(); err != nil {
			log.Print("closing rows failed")
		}
	}()
	for rows.Next() {
	}
}

func sqlxDeferred() {
	rows, err := dbx.Queryx("SELECT name FROM people")
	if err != nil {
		log.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
	}
}

func pgxDeferred() {
	rows, err := pool.Query(ctx, "SELECT login FROM accounts")
	if err != nil {
		log.Fatal(err)
	}
	defer func() {
		rows.Close()
	}()
	rows.Next()
}

// An explicit Close at the end that nothing can skip: sqlclosecheck's defer-only mode reports it,
// the catalog's amendment keeps it silent ("an explicit Close that every path reaches is fine").
func closedAtTheEnd() {
	rows, err := db.QueryContext(ctx, "SELECT name FROM people")
	if err != nil {
		log.Fatal(err)
	}
	for rows.Next() {
	}
	rows.Close()
}

// Handed to another function, whether or not that function closes them.
func handedOn() {
	rows, err := db.QueryContext(ctx, "SELECT name FROM people")
	if err != nil {
		log.Fatal(err)
	}
	closeThem(rows)
}

func closeThem(rows *sql.Rows) { rows.Close() }

// Returned, kept or short (sql, sqlx, pgx).
func returned() (*sql.Rows, error) {
	rows, err := db.QueryContext(ctx, "SELECT name FROM people")
	if err != nil {
		return nil, err
	}
	return rows, nil
}

func returnedShort() (*sql.Rows, error) {
	return db.QueryContext(ctx, "SELECT name FROM people")
}

func pgxReturned() (pgx.Rows, error) {
	rows, err := conn.Query(ctx, "SELECT login FROM accounts")
	if err != nil {
		return nil, err
	}
	return rows, nil
}

func pgxReturnedShort() (pgx.Rows, error) {
	return tx.Query(ctx, "SELECT login FROM accounts")
}
