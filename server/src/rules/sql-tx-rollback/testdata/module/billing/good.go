package billing

import (
	"database/sql"

	tu "example.com/shop/internal/txutil"
)

// Finished by the module's helper (an aliased import) on every path.
func invoice(db *sql.DB, id int64) error {
	tx, err := db.Begin()
	if err != nil {
		return err
	}
	err = tu.Insert(tx, id)
	return tu.Finish(tx, err)
}

// A helper that may leave the tx open keeps it as far as we can tell: handed on, not judged.
func invoiceMaybe(db *sql.DB, id int64) error {
	tx, err := db.Begin()
	if err != nil {
		return err
	}
	err = tu.Insert(tx, id)
	return tu.CommitIfClean(tx, err)
}
