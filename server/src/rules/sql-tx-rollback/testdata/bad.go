package orders

import (
	"context"
	"database/sql"
	"errors"
	"log"

	sx "github.com/jmoiron/sqlx"
)

var ErrEmpty = errors.New("empty order")

type Order struct {
	ID    int64
	Items []int64
}

// Service keeps its pools in fields; the package index knows their types.
type Service struct {
	db  *sql.DB
	dbx *sx.DB
}

// Repo embeds the pool, so BeginTx is promoted from *sql.DB.
type Repo struct {
	*sql.DB
}

func placeOrder(ctx context.Context, db *sql.DB, o Order) error {
	tx, err := db.BeginTx(ctx, nil) // want "sql-tx-rollback"
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, "INSERT INTO orders (id) VALUES ($1)", o.ID); err != nil {
		return err
	}
	return tx.Commit()
}

func (s *Service) Cancel(ctx context.Context, id int64) error {
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelSerializable}) // want "sql-tx-rollback"
	if err != nil {
		return err
	}
	res, err := tx.ExecContext(ctx, "UPDATE orders SET state = 'cancelled' WHERE id = $1", id)
	if err != nil {
		_ = tx.Rollback()
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return sql.ErrNoRows
	}
	return tx.Commit()
}

func (s *Service) AddItems(o Order) (int, error) {
	tx, err := s.dbx.Beginx() // want "sql-tx-rollback"
	if err != nil {
		return 0, err
	}
	if len(o.Items) == 0 {
		return 0, ErrEmpty
	}
	for _, item := range o.Items {
		if _, err := tx.Exec("INSERT INTO items (order_id, id) VALUES ($1, $2)", o.ID, item); err != nil {
			tx.Rollback()
			return 0, err
		}
	}
	if err := tx.Commit(); err != nil {
		return 0, err
	}
	return len(o.Items), nil
}

func (s *Service) Touch(id int64) error {
	tx := s.dbx.MustBegin() // want "sql-tx-rollback"
	if _, err := tx.Exec("UPDATE orders SET touched_at = now() WHERE id = $1", id); err != nil {
		return err
	}
	return tx.Commit()
}

func (r *Repo) Archive(ctx context.Context, before string) (archived int64, err error) {
	tx, err := r.BeginTx(ctx, nil) // want "sql-tx-rollback"
	if err != nil {
		return 0, err
	}
	res, err := tx.ExecContext(ctx, "DELETE FROM orders WHERE created_at < $1", before)
	if err != nil {
		return 0, err
	}
	if err = tx.Commit(); err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

// One transaction per batch: `continue` leaves this iteration's transaction open.
func importBatches(db *sql.DB, batches [][]int64) {
	for _, batch := range batches {
		tx, err := db.Begin() // want "sql-tx-rollback"
		if err != nil {
			log.Print(err)
			continue
		}
		if _, err := tx.Exec("INSERT INTO batch_items SELECT unnest($1::bigint[])", batch); err != nil {
			log.Print(err)
			continue
		}
		if err := tx.Commit(); err != nil {
			log.Print(err)
		}
	}
}

// The deferred Rollback comes after an early return.
func renumber(ctx context.Context, db *sql.DB, from int64) error {
	tx, err := db.BeginTx(ctx, nil) // want "sql-tx-rollback"
	if err != nil {
		return err
	}
	if from < 0 {
		return errors.New("negative start")
	}

	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, "UPDATE orders SET seq = seq + $1", from); err != nil {
		return err
	}
	return tx.Commit()
}

// A transaction on a dedicated connection.
func onConn(ctx context.Context, conn *sql.Conn) error {
	tx, err := conn.BeginTx(ctx, nil) // want "sql-tx-rollback"
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, "SET LOCAL lock_timeout = '1s'"); err != nil {
		return err
	}
	return tx.Commit()
}

func withVar(db *sql.DB) error {
	var tx, err = db.Begin() // want "sql-tx-rollback"
	if err != nil {
		return err
	}
	if _, err = tx.Exec("DELETE FROM carts"); err != nil {
		return err
	}
	return tx.Commit()
}

func declaredFirst(db *sql.DB) error {
	var tx *sql.Tx
	var err error
	tx, err = db.Begin() // want "sql-tx-rollback"
	if err != nil {
		return err
	}
	switch _, err = tx.Exec("DELETE FROM sessions"); {
	case err != nil:
		return err
	}
	return tx.Commit()
}

// The error check does not follow Begin directly: reported without a fix.
func loggedBegin(db *sql.DB) error {
	tx, err := db.Begin() // want "sql-tx-rollback"
	log.Printf("begin: %v", err)
	if err != nil {
		return err
	}
	if _, err := tx.Exec("DELETE FROM tokens"); err != nil {
		return err
	}
	return tx.Commit()
}
