package telemetry

import (
	"context"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// Err checked after the loop.
func checked(ctx context.Context, pool *pgxpool.Pool) (int, error) {
	rows, err := pool.Query(ctx, "SELECT 1 FROM readings")
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		n++
	}
	if err := rows.Err(); err != nil {
		return 0, err
	}
	return n, nil
}

// Err returned as the function's error.
func returned(ctx context.Context, conn *pgx.Conn) (int, error) {
	rows, err := conn.Query(ctx, "SELECT 1 FROM readings")
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		n++
	}
	return n, rows.Err()
}

// Rows handed to pgx's helper, which reports the iteration error itself.
func forEach(ctx context.Context, pool *pgxpool.Pool) error {
	rows, err := pool.Query(ctx, "SELECT value FROM readings")
	if err != nil {
		return err
	}
	var value float64
	_, err = pgx.ForEachRow(rows, []any{&value}, func() error { return nil })
	return err
}

// A parameter: the caller owns the rows and their error.
func drain(rows pgx.Rows) int {
	n := 0
	for rows.Next() {
		n++
	}
	return n
}
