package accounts

import (
	"context"

	"github.com/jmoiron/sqlx"
)

type Member struct {
	ID   int64  `db:"id"`
	Name string `db:"name"`
}

// sqlx's Preparex gives a *sqlx.Stmt, PrepareNamed a *sqlx.NamedStmt: both hold a *sql.Stmt.
func members(db *sqlx.DB, team int64) ([]Member, error) {
	stmt, err := db.Preparex("SELECT id, name FROM members WHERE team = $1") // want "sql-stmt-close"
	if err != nil {
		return nil, err
	}
	var out []Member
	err = stmt.Select(&out, team)
	return out, err
}

func addMember(ctx context.Context, db *sqlx.DB, m Member) error {
	named, err := db.PrepareNamedContext(ctx, "INSERT INTO members (id, name) VALUES (:id, :name)") // want "sql-stmt-close"
	if err != nil {
		return err
	}
	_, err = named.ExecContext(ctx, m)
	return err
}

func oneMember(db *sqlx.DB, id int64) (Member, error) {
	var m Member
	named, err := db.PrepareNamed("SELECT id, name FROM members WHERE id = :id") // want "sql-stmt-close"
	if err != nil {
		return m, err
	}
	err = named.Get(&m, map[string]any{"id": id})
	return m, err
}
