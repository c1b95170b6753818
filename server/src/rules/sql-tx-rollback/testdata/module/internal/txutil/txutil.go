// Helpers the billing package calls through the module index.
package txutil

import "database/sql"

// Finish commits when there was no error and rolls back otherwise: every path finishes the tx.
func Finish(tx *sql.Tx, err error) error {
	if err != nil {
		_ = tx.Rollback()
		return err
	}
	return tx.Commit()
}

// Insert runs a statement in the transaction and leaves it open.
func Insert(tx *sql.Tx, id int64) error {
	_, err := tx.Exec("INSERT INTO invoices (id) VALUES ($1)", id)
	return err
}

// CommitIfClean commits only when there was no error: on an error the tx stays open.
func CommitIfClean(tx *sql.Tx, err error) error {
	if err != nil {
		return err
	}
	return tx.Commit()
}
