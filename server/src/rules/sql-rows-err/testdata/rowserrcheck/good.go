package peers

import (
	"database/sql"
	"fmt"
	"math/rand"
)

// Err checked in a deferred closure, through an alias, in a called closure, in a helper.
func deferredErr() {
	rows, _ := db.Query("SELECT 1")
	defer func() {
		_ = rows.Err()
	}()
	for rows.Next() {
	}
}

func alias() {
	rows, err := db.Query("SELECT 1")
	if err != nil {
		return
	}
	again := rows
	for rows.Next() {
	}
	_ = again.Err()
}

func calledClosure() {
	rows, _ := db.Query("SELECT 1")
	for rows.Next() {
	}
	check := func() error { return rows.Err() }
	_ = check()
}

func helper() {
	rows, _ := db.Query("SELECT 1")
	for rows.Next() {
	}
	checkRows := func(rs *sql.Rows) { _ = rs.Err() }
	checkRows(rows)
}

// Returned, checked after the loop, or returned as the error.
func get() *sql.Rows {
	rows, _ := db.Query("SELECT 1")
	return rows
}

func returnedErr() error {
	rows, err := db.Query("SELECT 1")
	if err != nil {
		return err
	}
	defer func() { _ = rows.Close() }()
	for rows.Next() {
	}
	return rows.Err()
}

func eitherQueryChecked() {
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
	for rows.Next() {
		fmt.Println("a row")
	}
	if err := rows.Err(); err != nil {
		panic(err)
	}
}

// rowserrcheck reports the following, where no `for rows.Next()` loop reads the rows; the
// catalog's amendment keeps them silent ("no for rows.Next() loop means no finding": nothing
// was iterated, so there is no truncated result to mistake for a whole one).
func noLoopClosed(db *sql.DB) {
	rows, _ := db.Query("SELECT 1")
	defer func() {
		_ = rows.Close()
	}()
}

func noLoopNextResultSet() {
	rows, err := db.Query("SELECT 1")
	if err != nil {
		return
	}
	fmt.Print(rows.NextResultSet())
}

func noLoopDeferredClose() {
	rows, _ := db.Query("SELECT 1")
	defer rows.Close()
}

func noLoopUncalledClosure() {
	rows, _ := db.Query("SELECT 1")
	_ = func() {
		rows.Close()
	}
}
