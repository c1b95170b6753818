package store

import (
	"context"
	stdsql "database/sql"

	dbx "github.com/jmoiron/sqlx"
)

// Catalog holds an sqlx pool; Queryx and NamedQuery return *sqlx.Rows.
type Catalog struct {
	db *dbx.DB
}

type Product struct {
	ID    int64  `db:"id"`
	Title string `db:"title"`
}

func (c *Catalog) ByTitle(ctx context.Context, title string) ([]Product, error) {
	rows, err := c.db.NamedQueryContext(ctx, "SELECT * FROM products WHERE title = :title", map[string]any{"title": title}) // want "sql-rows-close"
	if err != nil {
		return nil, err
	}
	var out []Product
	for rows.Next() {
		var p Product
		if err := rows.StructScan(&p); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

func connectAndList(dsn string) error {
	db, err := dbx.Connect("postgres", dsn)
	if err != nil {
		return err
	}
	rows, err := db.Queryx("SELECT * FROM products") // want "sql-rows-close"
	if err != nil {
		return err
	}
	for rows.Next() {
		var p Product
		if err := rows.StructScan(&p); err != nil {
			return err
		}
	}
	return nil
}

func namedWithPackageFunc(db *dbx.DB, p Product) (bool, error) {
	rows, err := dbx.NamedQuery(db, "SELECT id FROM products WHERE id = :id", p) // want "sql-rows-close"
	if err != nil {
		return false, err
	}
	return rows.Next(), nil
}

func inSqlxTx(db *dbx.DB) error {
	tx, err := db.Beginx()
	if err != nil {
		return err
	}
	defer tx.Rollback()
	rows, err := tx.Queryx("SELECT id FROM products FOR UPDATE") // want "sql-rows-close:information"
	if err != nil {
		return err
	}
	for rows.Next() {
	}
	return tx.Commit()
}

func discardedSqlx(ctx context.Context, db *dbx.DB) error {
	_, err := db.QueryxContext(ctx, "DELETE FROM products") // want "sql-rows-close"
	return err
}

func aliasedStdlib(db *stdsql.DB) error {
	rows, err := db.Query("SELECT 1") // want "sql-rows-close:information"
	if err != nil {
		return err
	}
	for rows.Next() {
	}
	return rows.Err()
}
