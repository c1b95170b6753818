package orders

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log"
)

// Idiom: `defer tx.Rollback()` right after the error check (a no-op after Commit).
func deferred(ctx context.Context, db *sql.DB) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback() //nolint:errcheck
	if _, err := tx.ExecContext(ctx, "DELETE FROM carts"); err != nil {
		return err
	}
	return tx.Commit()
}

// Idiom: a deferred func literal that discards Rollback's error.
func deferredLiteral(db *sql.DB) error {
	tx, err := db.Begin()
	if err != nil {
		return err
	}
	defer func() { _ = tx.Rollback() }()
	if _, err := tx.Exec("DELETE FROM carts"); err != nil {
		return err
	}
	return tx.Commit()
}

// Idiom: a deferred func literal that rolls back only when the function fails.
func rollbackOnError(db *sql.DB) (err error) {
	tx, err := db.Begin()
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			_ = tx.Rollback()
		}
	}()
	if _, err = tx.Exec("DELETE FROM carts"); err != nil {
		return err
	}
	return tx.Commit()
}

// Idiom: an explicit Rollback before every return that comes before Commit.
func explicit(db *sql.DB) error {
	tx, err := db.Begin()
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	if _, err := tx.Exec("DELETE FROM carts"); err != nil {
		if rbErr := tx.Rollback(); rbErr != nil {
			log.Print(rbErr)
		}
		return err
	}
	if _, err := tx.Exec("DELETE FROM sessions"); err != nil {
		return errors.Join(err, tx.Rollback())
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	return nil
}

// Idiom: a return after Commit, in the same block.
func commitThenReturn(db *sql.DB) (int64, error) {
	tx, err := db.Begin()
	if err != nil {
		return 0, err
	}
	res, err := tx.Exec("DELETE FROM carts")
	if err != nil {
		tx.Rollback()
		return 0, err
	}
	tx.Commit()
	return res.RowsAffected()
}

// Idiom: the transaction is returned; the caller commits or rolls back.
func begin(ctx context.Context, db *sql.DB) (*sql.Tx, error) {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	if _, err := tx.ExecContext(ctx, "SET LOCAL statement_timeout = '5s'"); err != nil {
		return nil, errors.Join(err, tx.Rollback())
	}
	return tx, nil
}

// Idiom: the transaction is passed to a helper that finishes it.
func viaHelper(db *sql.DB) error {
	tx, err := db.Begin()
	if err != nil {
		return err
	}
	if _, err := tx.Exec("DELETE FROM carts"); err != nil {
		return finish(tx, err)
	}
	return finish(tx, nil)
}

func finish(tx *sql.Tx, err error) error {
	if err != nil {
		return errors.Join(err, tx.Rollback())
	}
	return tx.Commit()
}

// Idiom: the transaction is stored in a struct field; its owner finishes it.
type unitOfWork struct{ tx *sql.Tx }

func (u *unitOfWork) Start(db *sql.DB) error {
	tx, err := db.Begin()
	if err != nil {
		return err
	}
	u.tx = tx
	return nil
}

// Idiom: a WithTx helper: the panic-safe defer owns the transaction, and callbacks receive it
// as a parameter (not from Begin), so they are not checked.
func withTx(ctx context.Context, db *sql.DB, fn func(*sql.Tx) error) (err error) {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer func() {
		if p := recover(); p != nil {
			_ = tx.Rollback()
			panic(p)
		}
		if err != nil {
			_ = tx.Rollback()
			return
		}
		err = tx.Commit()
	}()
	return fn(tx)
}

func useWithTx(ctx context.Context, db *sql.DB) error {
	return withTx(ctx, db, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, "DELETE FROM carts"); err != nil {
			return err
		}
		return nil
	})
}

// Idiom: a Begin method of another type (not database/sql or sqlx): the type says nothing.
type batch struct{ n int }

func (b *batch) Begin() (*batch, error) { return b, nil }
func (b *batch) Commit() error          { return nil }

func otherBegin(b *batch) error {
	tx, err := b.Begin()
	if err != nil {
		return err
	}
	if tx.n == 0 {
		return errors.New("empty")
	}
	return tx.Commit()
}

// Idiom: returns only on Begin's own error path, then Commit.
func onlyBeginError(db *sql.DB) error {
	tx, err := db.Begin()
	if err != nil {
		log.Print("begin failed")
		return err
	}
	_, _ = tx.Exec("DELETE FROM carts")
	return tx.Commit()
}

// Idiom: a transaction begun and not finished yet (code being written): nothing to say yet.
func unfinished(db *sql.DB) error {
	tx, err := db.Begin()
	if err != nil {
		return err
	}
	_, err = tx.Exec("DELETE FROM carts")
	return err
}

// Idiom: the transaction is used by a goroutine; its timing is not visible here.
func detached(db *sql.DB, done chan<- error) error {
	tx, err := db.Begin()
	if err != nil {
		return err
	}
	go func() {
		_, err := tx.Exec("DELETE FROM carts")
		if err != nil {
			done <- errors.Join(err, tx.Rollback())
			return
		}
		done <- tx.Commit()
	}()
	return nil
}

// Idiom: Commit in the if initializer: the return on its failure comes after the Commit.
func commitChecked(db *sql.DB, ids []int64) error {
	tx, err := db.Begin()
	if err != nil {
		return err
	}
	for _, id := range ids {
		if _, err := tx.Exec("DELETE FROM carts WHERE id = $1", id); err != nil {
			_ = tx.Rollback()
			return err
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}

// Idiom: Commit and Rollback in the two branches of an if/else, then one return.
func eitherWay(db *sql.DB) error {
	tx, err := db.Begin()
	if err != nil {
		return err
	}
	_, err = tx.Exec("DELETE FROM carts")
	if err != nil {
		tx.Rollback()
	} else {
		err = tx.Commit()
	}
	return err
}

// Idiom: a switch whose every case finishes the transaction or returns.
func bySwitch(db *sql.DB, mode int) error {
	tx, err := db.Begin()
	if err != nil {
		return err
	}
	switch mode {
	case 0:
		return errors.Join(errors.New("dry run"), tx.Rollback())
	case 1:
		err = tx.Commit()
	default:
		_ = tx.Rollback()
	}
	return err
}
