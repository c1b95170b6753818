package store

import (
	"context"
	"database/sql"
	"log"
)

type User struct {
	ID   int64
	Name string
}

// Store keeps its pool in a field; the package index knows the field's type.
type Store struct {
	db *sql.DB
}

// Repo embeds the pool, so Query is promoted from *sql.DB.
type Repo struct {
	*sql.DB
}

var pool *sql.DB

func userNames(db *sql.DB) ([]string, error) {
	rows, err := db.Query("SELECT name FROM users") // want "sql-rows-close"
	if err != nil {
		return nil, err
	}
	var names []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return nil, err
		}
		names = append(names, name)
	}
	return names, rows.Err()
}

func (s *Store) ActiveUsers(ctx context.Context) ([]User, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT id, name FROM users WHERE active") // want "sql-rows-close"
	if err != nil {
		return nil, err
	}
	var users []User
	for rows.Next() {
		var u User
		if err := rows.Scan(&u.ID, &u.Name); err != nil {
			return nil, err
		}
		users = append(users, u)
	}
	return users, rows.Err()
}

func countFromOpenedPool(dsn string) (int, error) {
	db, err := sql.Open("postgres", dsn)
	if err != nil {
		return 0, err
	}
	defer db.Close()
	rows, err := db.Query("SELECT 1") // want "sql-rows-close:information"
	if err != nil {
		return 0, err
	}
	n := 0
	for rows.Next() {
		n++
	}
	return n, nil
}

func renameInTx(ctx context.Context, db *sql.DB) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	rows, err := tx.QueryContext(ctx, "SELECT id FROM users FOR UPDATE") // want "sql-rows-close"
	if err != nil {
		return err
	}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return err
		}
	}
	return tx.Commit()
}

func onDedicatedConn(ctx context.Context, db *sql.DB) error {
	conn, err := db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	rows, err := conn.QueryContext(ctx, "SHOW search_path") // want "sql-rows-close"
	if err != nil {
		return err
	}
	if rows.Next() {
		var path string
		return rows.Scan(&path)
	}
	return nil
}

func viaPreparedStatement(db *sql.DB, ids []int64) error {
	stmt, err := db.Prepare("SELECT name FROM users WHERE id = $1")
	if err != nil {
		return err
	}
	defer stmt.Close()
	rows, err := stmt.Query(ids[0]) // want "sql-rows-close:information"
	if err != nil {
		return err
	}
	for rows.Next() {
	}
	return rows.Err()
}

func (r *Repo) Emails() ([]string, error) {
	rows, err := r.Query("SELECT email FROM users") // want "sql-rows-close"
	if err != nil {
		return nil, err
	}
	var out []string
	for rows.Next() {
		var email string
		if err := rows.Scan(&email); err != nil {
			return nil, err
		}
		out = append(out, email)
	}
	return out, nil
}

func fromPackagePool() bool {
	rows, err := pool.Query("SELECT 1") // want "sql-rows-close"
	if err != nil {
		log.Print(err)
		return false
	}
	return rows.Next()
}

func deleteWithQuery(db *sql.DB, id int64) error {
	_, err := db.Query("DELETE FROM users WHERE id = $1", id) // want "sql-rows-close"
	return err
}

func touchWithQuery(ctx context.Context, db *sql.DB) {
	db.QueryContext(ctx, "UPDATE users SET seen = now()") // want "sql-rows-close"
}

func errorIgnored(db *sql.DB) int {
	rows, _ := db.Query("SELECT count(*) FROM users") // want "sql-rows-close"
	var n int
	if rows.Next() {
		_ = rows.Scan(&n)
	}
	return n
}

func declaredWithVar(db *sql.DB) error {
	var rows, err = db.Query("SELECT id FROM users") // want "sql-rows-close:information"
	if err != nil {
		return err
	}
	for rows.Next() {
	}
	return nil
}

func insideBranch(db *sql.DB, admin bool) error {
	if admin {
		rows, err := db.Query("SELECT id FROM admins") // want "sql-rows-close:information"
		if err != nil {
			return err
		}
		for rows.Next() {
		}
	}
	return nil
}

func assignedInBranches(ctx context.Context, db *sql.DB, adultsOnly bool) ([]string, error) {
	var (
		rows *sql.Rows
		err  error
	)
	if adultsOnly {
		rows, err = db.QueryContext(ctx, "SELECT name FROM users WHERE age >= 18") // want "sql-rows-close"
	} else {
		rows, err = db.QueryContext(ctx, "SELECT name FROM users") // want "sql-rows-close"
	}
	if err != nil {
		return nil, err
	}
	var names []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return nil, err
		}
		names = append(names, name)
	}
	return names, rows.Err()
}

// Closed explicitly after the loop, but the return inside the loop skips the Close.
func closedAfterLoop(db *sql.DB) ([]int64, error) {
	rows, err := db.Query("SELECT id FROM users") // want "sql-rows-close"
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
	rows.Close()
	return ids, rows.Err()
}

// The Close is deferred, but only after a loop that can return early.
func deferredTooLate(db *sql.DB) ([]string, error) {
	rows, err := db.Query("SELECT name FROM users") // want "sql-rows-close"
	if err != nil {
		return nil, err
	}
	var names []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return nil, err
		}
		names = append(names, name)
	}

	defer rows.Close()
	return names, rows.Err()
}

// A panic between the query and the Close leaves the rows open if a middleware recovers.
func panicBeforeClose(db *sql.DB) []string {
	rows, err := db.Query("SELECT name FROM users") // want "sql-rows-close"
	if err != nil {
		panic(err)
	}
	cols, err := rows.Columns()
	if err != nil {
		panic(err)
	}
	_ = rows.Close()
	return cols
}

// A return inside a switch case skips the Close at the end.
func byMode(ctx context.Context, db *sql.DB, mode string) (int, error) {
	rows, err := db.QueryContext(ctx, "SELECT id FROM jobs") // want "sql-rows-close"
	if err != nil {
		return 0, err
	}
	n := 0
	for rows.Next() {
		switch mode {
		case "first":
			return 1, nil
		case "skip":
			continue
		}
		n++
	}
	rows.Close()
	return n, rows.Err()
}

func perTenantNeverClosed(db *sql.DB, tenants []string) error {
	for _, tenant := range tenants {
		rows, err := db.Query("SELECT id FROM orders WHERE tenant = $1", tenant) // want "sql-rows-close:information"
		if err != nil {
			return err
		}
		for rows.Next() {
		}
	}
	return nil
}

func perTenantSkipsClose(db *sql.DB, tenants []string) error {
	for _, tenant := range tenants {
		rows, err := db.Query("SELECT id FROM orders WHERE tenant = $1", tenant) // want "sql-rows-close"
		if err != nil {
			return err
		}
		if rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				log.Printf("tenant %s: %v", tenant, err)
				continue
			}
		}
		rows.Close()
	}
	return nil
}

func inClosure(db *sql.DB) func() error {
	return func() error {
		rows, err := db.Query("SELECT 1") // want "sql-rows-close:information"
		if err != nil {
			return err
		}
		for rows.Next() {
		}
		return nil
	}
}

// The inner `:=` declares new rows that shadow the outer ones; the deferred Close below closes
// only the outer rows.
func shadowedInBranch(db *sql.DB, withArchive bool) (int, error) {
	rows, err := db.Query("SELECT id FROM orders")
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	n := 0
	if withArchive {
		rows, err := db.Query("SELECT id FROM archived_orders") // want "sql-rows-close:information"
		if err != nil {
			return 0, err
		}
		for rows.Next() {
			n++
		}
	}
	for rows.Next() {
		n++
	}
	return n, nil
}

// The range variable is another `rows`: closing each batch does not close the query's rows.
func closesOtherRows(db *sql.DB, batches []*sql.Rows) error {
	rows, err := db.Query("SELECT id FROM batches") // want "sql-rows-close:information"
	if err != nil {
		return err
	}
	for _, rows := range batches {
		rows.Close()
	}
	for rows.Next() {
	}
	return rows.Err()
}
