package billing

import (
	"context"
	"errors"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

type Invoice struct {
	ID     int64
	Amount int64
}

// Ledger keeps a pgx pool in a field; Query on it returns pgx.Rows.
type Ledger struct {
	pool *pgxpool.Pool
}

var errEmpty = errors.New("no invoices")

func (l *Ledger) Open(ctx context.Context, customer int64) ([]Invoice, error) {
	rows, err := l.pool.Query(ctx, "SELECT id, amount FROM invoices WHERE customer = $1 AND paid = false", customer) // want "sql-rows-close"
	if err != nil {
		return nil, err
	}
	var out []Invoice
	for rows.Next() {
		var inv Invoice
		if err := rows.Scan(&inv.ID, &inv.Amount); err != nil {
			return nil, err
		}
		out = append(out, inv)
	}
	return out, rows.Err()
}

// A transaction handed in by the caller: its Query leaks the same way.
func totals(ctx context.Context, tx pgx.Tx) (int64, error) {
	rows, err := tx.Query(ctx, "SELECT amount FROM invoices") // want "sql-rows-close"
	if err != nil {
		return 0, err
	}
	var sum int64
	for rows.Next() {
		var amount int64
		if err := rows.Scan(&amount); err != nil {
			return 0, err
		}
		sum += amount
	}
	return sum, rows.Err()
}

// A connection opened here; until the rows are closed it is busy for any other query.
func firstCustomers(ctx context.Context, url string) ([]int64, error) {
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		return nil, err
	}
	defer conn.Close(ctx)
	rows, err := conn.Query(ctx, "SELECT id FROM customers ORDER BY id LIMIT 10") // want "sql-rows-close"
	if err != nil {
		return nil, err
	}
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

// Closed at the end, but the early return on an empty result skips the Close.
func (l *Ledger) Latest(ctx context.Context) (Invoice, error) {
	rows, err := l.pool.Query(ctx, "SELECT id, amount FROM invoices ORDER BY id DESC LIMIT 1") // want "sql-rows-close"
	if err != nil {
		return Invoice{}, err
	}
	if !rows.Next() {
		return Invoice{}, errEmpty
	}
	var inv Invoice
	err = rows.Scan(&inv.ID, &inv.Amount)
	if err != nil {
		return Invoice{}, err
	}
	rows.Close()
	return inv, nil
}

// A connection acquired from the pool returns pgx.Rows too.
func (l *Ledger) Customers(ctx context.Context) (int, error) {
	conn, err := l.pool.Acquire(ctx)
	if err != nil {
		return 0, err
	}
	defer conn.Release()
	rows, err := conn.Query(ctx, "SELECT id FROM customers") // want "sql-rows-close:information"
	if err != nil {
		return 0, err
	}
	n := 0
	for rows.Next() {
		n++
	}
	return n, rows.Err()
}

// Rows thrown away: the pool connection stays busy until they are read to the end.
func (l *Ledger) MarkPaid(ctx context.Context, id int64) {
	l.pool.Query(ctx, "UPDATE invoices SET paid = true WHERE id = $1", id) // want "sql-rows-close"
}
