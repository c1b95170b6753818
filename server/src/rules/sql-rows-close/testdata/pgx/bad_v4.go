package billing

import (
	"context"

	pgxv4 "github.com/jackc/pgx/v4"
	poolv4 "github.com/jackc/pgx/v4/pgxpool"
)

// pgx v4: pgxpool.Connect opens the pool; Begin on it gives a pgx.Tx.
func legacyRefunds(ctx context.Context, url string) (int, error) {
	pool, err := poolv4.Connect(ctx, url)
	if err != nil {
		return 0, err
	}
	defer pool.Close()
	tx, err := pool.Begin(ctx)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback(ctx)
	rows, err := tx.Query(ctx, "SELECT id FROM refunds WHERE settled = false") // want "sql-rows-close:information"
	if err != nil {
		return 0, err
	}
	n := 0
	for rows.Next() {
		n++
	}
	if err := rows.Err(); err != nil {
		return 0, err
	}
	return n, tx.Commit(ctx)
}

func legacyNames(ctx context.Context, conn *pgxv4.Conn) ([]string, error) {
	rows, err := conn.Query(ctx, "SELECT name FROM customers") // want "sql-rows-close"
	if err != nil {
		return nil, err
	}
	var names []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return nil, err
		}
		names = append(names, name)
	}
	return names, rows.Err()
}
