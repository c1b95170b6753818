package accounts

import (
	"context"
	"database/sql"
	"errors"
	"log"
)

// Accounts keeps its pool in a field; the package index knows the field's type.
type Accounts struct {
	db *sql.DB
}

// Repo embeds the pool, so Prepare is promoted from *sql.DB.
type Repo struct {
	*sql.DB
}

var errLocked = errors.New("account locked")

// Prepared on every call and never closed: one more server-side statement per call.
func (a *Accounts) Rename(ctx context.Context, ids []int64, name string) error {
	stmt, err := a.db.PrepareContext(ctx, "UPDATE accounts SET name = $1 WHERE id = $2") // want "sql-stmt-close"
	if err != nil {
		return err
	}
	for _, id := range ids {
		if _, err := stmt.ExecContext(ctx, name, id); err != nil {
			return err
		}
	}
	return nil
}

// The same leak with the error left unchecked: the defer goes right after Prepare.
func balance(db *sql.DB, id int64) int64 {
	stmt, _ := db.Prepare("SELECT balance FROM accounts WHERE id = $1") // want "sql-stmt-close"
	var b int64
	if err := stmt.QueryRow(id).Scan(&b); err != nil {
		log.Print(err)
	}
	return b
}

// Closed at the end, but the early return for a locked account skips the Close.
func (a *Accounts) Withdraw(ctx context.Context, id, amount int64) error {
	stmt, err := a.db.PrepareContext(ctx, "UPDATE accounts SET balance = balance - $1 WHERE id = $2 AND NOT locked") // want "sql-stmt-close"
	if err != nil {
		return err
	}
	res, err := stmt.ExecContext(ctx, amount, id)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return errLocked
	}
	return stmt.Close()
}

// A late defer: the return before it leaves the statement open.
func (r *Repo) Touch(ctx context.Context, id int64) error {
	stmt, err := r.PrepareContext(ctx, "UPDATE accounts SET seen_at = now() WHERE id = $1") // want "sql-stmt-close"
	if err != nil {
		return err
	}
	if id <= 0 {
		return errors.New("bad id")
	}
	defer stmt.Close()
	_, err = stmt.ExecContext(ctx, id)
	return err
}

// A dedicated connection: statements prepared on it need closing as well.
func (a *Accounts) Audit(ctx context.Context) error {
	conn, err := a.db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	var stmt, perr = conn.PrepareContext(ctx, "INSERT INTO audit (at) VALUES (now())") // want "sql-stmt-close"
	if perr != nil {
		return perr
	}
	_, err = stmt.ExecContext(ctx)
	return err
}

// One statement per iteration, never closed: the quick fix cannot defer inside the loop.
func (a *Accounts) Tag(ctx context.Context, tags []string) error {
	for _, tag := range tags {
		stmt, err := a.db.PrepareContext(ctx, "INSERT INTO tags (name) VALUES ($1)") // want "sql-stmt-close"
		if err != nil {
			return err
		}
		if _, err := stmt.ExecContext(ctx, tag); err != nil {
			return err
		}
	}
	return nil
}

// Prepared only to see whether the SQL is valid, and thrown away.
func (a *Accounts) Validate(ctx context.Context, query string) error {
	_, err := a.db.PrepareContext(ctx, query) // want "sql-stmt-close"
	return err
}
