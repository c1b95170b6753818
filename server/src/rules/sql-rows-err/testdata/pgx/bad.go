package telemetry

import (
	"context"

	pgxv4 "github.com/jackc/pgx/v4"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

type Reading struct {
	Sensor string
	Value  float64
}

type Store struct {
	pool *pgxpool.Pool
}

// A broken connection ends the loop early; without rows.Err() that looks like fewer readings.
func (s *Store) Recent(ctx context.Context) ([]Reading, error) {
	rows, err := s.pool.Query(ctx, "SELECT sensor, value FROM readings ORDER BY at DESC LIMIT 100")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Reading
	for rows.Next() { // want "sql-rows-err"
		var r Reading
		if err := rows.Scan(&r.Sensor, &r.Value); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, nil
}

func sensors(ctx context.Context, tx pgx.Tx) (map[string]bool, error) {
	rows, err := tx.Query(ctx, "SELECT DISTINCT sensor FROM readings")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	seen := map[string]bool{}
	for rows.Next() { // want "sql-rows-err"
		var name string
		if err := rows.Scan(&name); err != nil {
			return nil, err
		}
		seen[name] = true
	}
	return seen, nil
}

func countLegacy(ctx context.Context, conn *pgxv4.Conn) (int, error) {
	rows, err := conn.Query(ctx, "SELECT 1 FROM readings")
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	n := 0
	for rows.Next() { // want "sql-rows-err"
		n++
	}
	return n, nil
}
