package accounts

import (
	"context"
	"database/sql"
	"log"

	"github.com/jmoiron/sqlx"
)

// Statements prepared once and kept for the life of the service.
type Service struct {
	db     *sql.DB
	lookup *sql.Stmt
}

var insertStmt *sql.Stmt

// The idiom: defer stmt.Close() right after the error check.
func deferred(ctx context.Context, db *sql.DB, id int64) (string, error) {
	stmt, err := db.PrepareContext(ctx, "SELECT name FROM accounts WHERE id = $1")
	if err != nil {
		return "", err
	}
	defer stmt.Close()
	var name string
	err = stmt.QueryRowContext(ctx, id).Scan(&name)
	return name, err
}

// A deferred closure that closes it and logs the error.
func deferredBlock(ctx context.Context, db *sql.DB) error {
	stmt, err := db.PrepareContext(ctx, "DELETE FROM sessions WHERE expires < now()")
	if err != nil {
		return err
	}
	defer func() {
		if err := stmt.Close(); err != nil {
			log.Print(err)
		}
	}()
	_, err = stmt.ExecContext(ctx)
	return err
}

// A deferred helper that takes the statement closes it.
func closeLogged(stmt *sql.Stmt) {
	if err := stmt.Close(); err != nil {
		log.Print(err)
	}
}

func viaHelper(db *sql.DB) error {
	stmt, err := db.Prepare("DELETE FROM sessions")
	if err != nil {
		return err
	}
	defer closeLogged(stmt)
	_, err = stmt.Exec()
	return err
}

// Returned to the caller, who owns it now.
func prepareLookup(ctx context.Context, db *sql.DB) (*sql.Stmt, error) {
	stmt, err := db.PrepareContext(ctx, "SELECT name FROM accounts WHERE id = $1")
	if err != nil {
		return nil, err
	}
	return stmt, nil
}

func prepareShort(db *sql.DB) (*sql.Stmt, error) {
	return db.Prepare("SELECT 1")
}

// Stored in a field or a package variable: closed when the service shuts down.
func NewService(db *sql.DB) (*Service, error) {
	stmt, err := db.Prepare("SELECT name FROM accounts WHERE id = $1")
	if err != nil {
		return nil, err
	}
	return &Service{db: db, lookup: stmt}, nil
}

func (s *Service) init() error {
	var err error
	s.lookup, err = s.db.Prepare("SELECT name FROM accounts WHERE id = $1")
	if err != nil {
		return err
	}
	insertStmt, err = s.db.Prepare("INSERT INTO accounts (name) VALUES ($1)")
	return err
}

func (s *Service) Close() error {
	insertStmt.Close()
	return s.lookup.Close()
}

// Closed explicitly, and nothing can leave before the Close.
func explicit(db *sql.DB, names []string) {
	stmt, err := db.Prepare("INSERT INTO accounts (name) VALUES ($1)")
	if err != nil {
		log.Fatal(err)
	}
	for _, name := range names {
		if _, err := stmt.Exec(name); err != nil {
			log.Print(err)
		}
	}
	stmt.Close()
}

// Prepared on a transaction: Commit or Rollback closes it.
func inTransaction(ctx context.Context, db *sql.DB, names []string) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	stmt, err := tx.PrepareContext(ctx, "INSERT INTO accounts (name) VALUES ($1)")
	if err != nil {
		return err
	}
	for _, name := range names {
		if _, err := stmt.ExecContext(ctx, name); err != nil {
			return err
		}
	}
	return tx.Commit()
}

func inSqlxTransaction(db *sqlx.DB) error {
	tx := db.MustBegin()
	stmt, err := tx.Preparex("DELETE FROM accounts WHERE closed")
	if err != nil {
		tx.Rollback()
		return err
	}
	stmt.MustExec()
	return tx.Commit()
}

// Handed to a transaction: tx.Stmt makes a transaction-bound copy, and the caller keeps the original.
func reuse(ctx context.Context, db *sql.DB, tx *sql.Tx) error {
	stmt, err := db.PrepareContext(ctx, "DELETE FROM sessions WHERE id = $1")
	if err != nil {
		return err
	}
	_, err = tx.StmtContext(ctx, stmt).ExecContext(ctx, 1)
	return err
}

// A wrapper of this package with its own Prepare, which caches and closes what it prepares.
type Cached struct {
	*sql.DB
	stmts map[string]*sql.Stmt
}

func (c *Cached) Prepare(query string) (*sql.Stmt, error) {
	if stmt, ok := c.stmts[query]; ok {
		return stmt, nil
	}
	stmt, err := c.DB.Prepare(query)
	if err != nil {
		return nil, err
	}
	c.stmts[query] = stmt
	return stmt, nil
}

func throughCache(c *Cached) error {
	stmt, err := c.Prepare("SELECT 1")
	if err != nil {
		return err
	}
	_, err = stmt.Exec()
	return err
}
