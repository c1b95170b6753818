package orders

import (
	"context"

	"github.com/jmoiron/sqlx"
)

type Line struct {
	ID    int64 `db:"id"`
	Order int64 `db:"order_id"`
}

// Every sqlx call below has a Context twin; the function has ctx to give it.
func (s *Store) Lines(ctx context.Context, order int64) ([]Line, error) {
	stmt, err := s.dbx.Preparex("SELECT id, order_id FROM lines WHERE order_id = $1") // want "context-propagation"
	if err != nil {
		return nil, err
	}
	defer stmt.Close()
	var out []Line
	err = stmt.Select(&out, order) // want "context-propagation"
	return out, err
}

func (s *Store) NamedLine(ctx context.Context, id int64) (Line, error) {
	var l Line
	named, err := s.dbx.PrepareNamed("SELECT id, order_id FROM lines WHERE id = :id") // want "context-propagation"
	if err != nil {
		return l, err
	}
	defer named.Close()
	err = named.Get(&l, map[string]any{"id": id}) // want "context-propagation"
	return l, err
}

func (s *Store) Renumber(ctx context.Context) error {
	tx := s.dbx.MustBegin() // want "context-propagation"
	defer tx.Rollback()
	tx.MustExec("UPDATE lines SET id = id + 1000")    // want "context-propagation"
	row := tx.QueryRowx("SELECT count(*) FROM lines") // want "context-propagation"
	var n int
	if err := row.Scan(&n); err != nil {
		return err
	}
	return tx.Commit()
}

func (s *Store) Reuse(ctx context.Context, prepared *sqlx.Stmt, named *sqlx.NamedStmt) error {
	tx, err := s.dbx.BeginTxx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.Stmtx(prepared).Exec(); err != nil { // want "context-propagation" "context-propagation"
		return err
	}
	if _, err := tx.NamedStmt(named).Exec(map[string]any{}); err != nil { // want "context-propagation" "context-propagation"
		return err
	}
	return tx.Commit()
}

// sqlx's package functions have twins too.
func (s *Store) Count(ctx context.Context) (int, error) {
	var n int
	err := sqlx.Get(s.dbx, &n, "SELECT count(*) FROM lines") // want "context-propagation"
	return n, err
}

func reconnect(ctx context.Context, dsn string) (*sqlx.DB, error) {
	return sqlx.Connect("postgres", dsn) // want "context-propagation"
}

// No context in reach: one note for the function, which should accept one.
func (s *Store) LineCount() (int, error) {
	var n int
	err := sqlx.Get(s.dbx, &n, "SELECT count(*) FROM lines") // want "context-propagation:information"
	return n, err
}
