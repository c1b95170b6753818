// Helpers the report package calls through the module index.
package rowsutil

import (
	"database/sql"
	"log"
)

// Close closes the rows on every path (a nil guard included) and logs the error.
func Close(rows *sql.Rows) {
	if rows == nil {
		return
	}
	if err := rows.Close(); err != nil {
		log.Printf("closing rows: %v", err)
	}
}

// IDs reads the rows and never closes them.
func IDs(rows *sql.Rows) ([]int64, error) {
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

// CloseIf closes the rows only when asked: on some paths they stay open.
func CloseIf(rows *sql.Rows, done bool) {
	if done {
		rows.Close()
	}
}
