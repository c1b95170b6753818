package peers

import (
	"database/sql"
	"log"
	"sync"

	"github.com/jmoiron/sqlx"
)

// Deferred Close, directly or in a closure.
func deferred() {
	stmt, err := db.PrepareContext(ctx, "SELECT login FROM accounts WHERE id = ?")
	if err != nil {
		log.Fatal(err)
	}
	defer stmt.Close()
	var login string
	_ = stmt.QueryRowContext(ctx, 43).Scan(&login)
}

func deferredBlock() {
	stmt, err := db.PrepareContext(ctx, "SELECT login FROM accounts WHERE id = ?")
	if err != nil {
		log.Fatal(err)
	}
	defer func() {
		if err := stmt.Close(); err != nil {
			log.Print("closing the statement failed")
		}
	}()
	var login string
	_ = stmt.QueryRowContext(ctx, 43).Scan(&login)
}

// An explicit Close that every path reaches: sqlclosecheck's defer-only mode reports it; this rule
// asks only that the statement be closed on every path.
func closedAtTheEnd() {
	stmt, err := db.PrepareContext(ctx, "SELECT login FROM accounts WHERE id = ?")
	if err != nil {
		log.Fatal(err)
	}
	var login string
	if err := stmt.QueryRowContext(ctx, 43).Scan(&login); err != nil {
		log.Fatal(err)
	}
	stmt.Close()
}

// Returned to the caller, kept or short.
func returned() (*sql.Stmt, error) {
	stmt, err := db.PrepareContext(ctx, "SELECT login FROM accounts WHERE id = ?")
	if err != nil {
		return nil, err
	}
	return stmt, nil
}

func returnedShort() (*sql.Stmt, error) {
	return db.PrepareContext(ctx, "SELECT login FROM accounts WHERE id = ?")
}

// Stored in a field and closed by another method; closed by a deferred helper.
type Server struct {
	stmt *sqlx.Stmt
}

func (s *Server) Close() { s.stmt.Close() }

func (s *Server) keep() {
	stmt, err := dbx.Preparex("SELECT 1")
	if err != nil {
		log.Fatal(err)
	}
	s.stmt = stmt
	_ = stmt.QueryRow()
	s.Close()
}

func closeStmt(stmt *sqlx.Stmt) {
	if stmt != nil {
		stmt.Close()
	}
}

func (s *Server) viaHelper() {
	stmt, err := dbx.Preparex("SELECT 1")
	if err != nil {
		log.Fatal(err)
	}
	defer closeStmt(stmt)
	_ = stmt.QueryRow()
}

// A statement prepared once into a package variable (an older sqlclosecheck case).
var (
	once       sync.Once
	insertStmt *sql.Stmt
	prepareErr error
)

func insertOne() error {
	once.Do(func() {
		insertStmt, prepareErr = db.Prepare("INSERT INTO things (id) VALUES (1)")
	})
	if prepareErr != nil {
		return prepareErr
	}
	_, err := insertStmt.Exec()
	return err
}
