// sqlclosecheck's published cases for prepared statements, written again for this rule: what it
// reports that this rule reports too.
package peers

import (
	"context"
	"database/sql"
	"log"

	"github.com/jmoiron/sqlx"
)

var (
	ctx context.Context
	db  *sql.DB
	dbx *sqlx.DB
)

// Prepared for one lookup and never closed.
func lookupNoClose() {
	stmt, err := db.PrepareContext(ctx, "SELECT login FROM accounts WHERE id = ?") // want "sql-stmt-close"
	if err != nil {
		log.Fatal(err)
	}
	var login string
	err = stmt.QueryRowContext(ctx, 43).Scan(&login)
	switch {
	case err == sql.ErrNoRows:
		log.Fatal("no such account")
	case err != nil:
		log.Fatal(err)
	default:
		log.Print(login)
	}
}

// A named statement kept only to silence "declared and not used".
func namedNoClose() {
	stmt, err := dbx.PrepareNamed("SELECT * FROM accounts WHERE id = :id") // want "sql-stmt-close"
	if err != nil {
		log.Fatal(err)
	}
	_ = stmt
}

// A deferred helper that forgets to close: the index sees its body does nothing with the statement.
func forgetToClose(stmt *sqlx.Stmt) {}

func viaForgetfulHelper() {
	stmt, err := dbx.Preparex("SELECT 1") // want "sql-stmt-close"
	if err != nil {
		log.Fatal(err)
	}
	defer forgetToClose(stmt)
	_ = stmt.QueryRow()
}
