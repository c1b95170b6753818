// rowserrcheck's published cases (its own test data and golangci-lint's), written again for this
// rule: what it reports that this rule reports too.
package peers

import (
	"database/sql"
	"fmt"
	"math/rand"
)

var db *sql.DB

// A loop and no Err check, the error of the query dropped.
func notChecked(db *sql.DB) {
	rows, _ := db.Query("SELECT id FROM things")
	for rows.Next() { // want "sql-rows-err"
	}
}

// The rows come from one of two queries; the loop reads whichever ran. One finding, at the loop.
func eitherQuery() {
	var rows *sql.Rows
	var err error
	if rand.Float64() < 0.5 {
		rows, err = db.Query("SELECT 1")
	} else {
		rows, err = db.Query("SELECT 2")
	}
	if err != nil {
		panic(err)
	}
	defer rows.Close()
	for rows.Next() { // want "sql-rows-err"
		fmt.Println("a row")
	}
}
