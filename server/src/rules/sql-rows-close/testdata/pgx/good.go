package billing

import (
	"context"
	"log"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

type Payment struct {
	ID   int64
	Paid bool
}

// The idiom: defer rows.Close() right after the error check.
func deferred(ctx context.Context, pool *pgxpool.Pool) ([]int64, error) {
	rows, err := pool.Query(ctx, "SELECT id FROM payments")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// A deferred closure that closes the rows.
func deferredBlock(ctx context.Context, tx pgx.Tx) error {
	rows, err := tx.Query(ctx, "SELECT id FROM payments")
	if err != nil {
		return err
	}
	defer func() {
		rows.Close()
		log.Print("payments read")
	}()
	for rows.Next() {
	}
	return rows.Err()
}

// Returned to the caller, who closes them.
func open(ctx context.Context, conn *pgx.Conn) (pgx.Rows, error) {
	rows, err := conn.Query(ctx, "SELECT id FROM payments")
	if err != nil {
		return nil, err
	}
	return rows, nil
}

func openShort(ctx context.Context, pool *pgxpool.Pool) (pgx.Rows, error) {
	return pool.Query(ctx, "SELECT id FROM payments")
}

// pgx.CollectRows reads and closes the rows it is given.
func collected(ctx context.Context, pool *pgxpool.Pool) ([]Payment, error) {
	rows, err := pool.Query(ctx, "SELECT id, paid FROM payments")
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, pgx.RowToStructByPos[Payment])
}

// QueryRow gives a pgx.Row, which needs no Close.
func one(ctx context.Context, pool *pgxpool.Pool, id int64) (Payment, error) {
	var p Payment
	err := pool.QueryRow(ctx, "SELECT id, paid FROM payments WHERE id = $1", id).Scan(&p.ID, &p.Paid)
	return p, err
}

// Closed explicitly once the loop is done, and nothing leaves before that.
func explicit(ctx context.Context, pool *pgxpool.Pool) int {
	rows, err := pool.Query(ctx, "SELECT id FROM payments")
	if err != nil {
		log.Fatal(err)
	}
	n := 0
	for rows.Next() {
		n++
	}
	rows.Close()
	return n
}

// An interface of this package (a test double's shape): its Query is not known to be pgx's.
type querier interface {
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
}

func throughInterface(ctx context.Context, q querier) error {
	rows, err := q.Query(ctx, "SELECT id FROM payments")
	if err != nil {
		return err
	}
	for rows.Next() {
	}
	return rows.Err()
}
