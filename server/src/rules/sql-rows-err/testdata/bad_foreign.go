package store

import (
	dbsql "database/sql"

	"example.com/app/model"
)

// The results are types of another package: their zero values are copied from the function's
// own error return (`return model.Page{}, 0, err`).
func page(db *dbsql.DB) (model.Page, model.Cursor, error) {
	rows, err := db.Query("SELECT id FROM items")
	if err != nil {
		return model.Page{}, 0, err
	}
	defer rows.Close()
	var p model.Page
	for rows.Next() { // want "sql-rows-err"
		var id int64
		if err := rows.Scan(&id); err != nil {
			return model.Page{}, 0, err
		}
		p.IDs = append(p.IDs, id)
	}
	return p, model.Cursor(len(p.IDs)), nil
}

// No error return to copy from: the zero value of model.Page cannot be written, so no fix.
func pageUnchecked(db *dbsql.DB) (model.Page, error) {
	rows, _ := db.Query("SELECT id FROM items")
	defer rows.Close()
	var p model.Page
	for rows.Next() { // want "sql-rows-err"
		var id int64
		_ = rows.Scan(&id)
		p.IDs = append(p.IDs, id)
	}
	return p, nil
}
