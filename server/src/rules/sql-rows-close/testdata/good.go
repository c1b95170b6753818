package store

import (
	"context"
	"database/sql"
	"log"

	"github.com/jmoiron/sqlx"
)

// Querier is an interface: its implementation is unknown, so its rows are not followed.
type Querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// Cache has a Query method of its own that returns no rows.
type Cache struct{}

func (Cache) Query(key string) string { return key }

// UserIter owns the rows it is built from.
type UserIter struct {
	rows *sql.Rows
}

// The usual shape: error check, then defer.
func deferAfterErrorCheck(ctx context.Context, db *sql.DB) ([]string, error) {
	rows, err := db.QueryContext(ctx, "SELECT name FROM users")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
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

// Close inside a deferred closure that drops the error.
func deferredClosure(db *sql.DB) error {
	rows, err := db.Query("SELECT 1")
	if err != nil {
		return err
	}
	defer func() { _ = rows.Close() }()
	for rows.Next() {
	}
	return rows.Err()
}

// Close inside a deferred closure that reports the error through a named result.
func deferredClosureKeepsError(db *sqlx.DB) (err error) {
	rows, err := db.Queryx("SELECT id FROM users")
	if err != nil {
		return err
	}
	defer func() {
		if cerr := rows.Close(); cerr != nil && err == nil {
			err = cerr
		}
	}()
	for rows.Next() {
	}
	return rows.Err()
}

func closeRows(rows *sql.Rows) {
	if err := rows.Close(); err != nil {
		log.Printf("closing rows: %v", err)
	}
}

func closeLogged(close func() error) {
	if err := close(); err != nil {
		log.Print(err)
	}
}

// A deferred helper that takes the rows.
func deferredHelper(db *sql.DB) error {
	rows, err := db.Query("SELECT 1")
	if err != nil {
		return err
	}
	defer closeRows(rows)
	return rows.Err()
}

// A deferred helper that takes the Close method value.
func deferredMethodValue(db *sql.DB) error {
	rows, err := db.Query("SELECT 1")
	if err != nil {
		return err
	}
	defer closeLogged(rows.Close)
	return rows.Err()
}

// Rows returned to the caller, directly: the caller closes them.
func returnedDirectly(ctx context.Context, db *sql.DB) (*sql.Rows, error) {
	return db.QueryContext(ctx, "SELECT id FROM users")
}

// Rows returned to the caller through a variable.
func returnedVariable(db *sql.DB) (*sql.Rows, error) {
	rows, err := db.Query("SELECT id FROM users")
	if err != nil {
		return nil, err
	}
	return rows, nil
}

// Rows assigned to a named result and returned by a bare return.
func namedResult(db *sql.DB) (rows *sql.Rows, err error) {
	rows, err = db.Query("SELECT id FROM users")
	return
}

func scanNames(rows *sql.Rows) ([]string, error) {
	defer rows.Close()
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

// Rows passed to another function, which takes ownership.
func passedToHelper(db *sql.DB) ([]string, error) {
	rows, err := db.Query("SELECT name FROM users")
	if err != nil {
		return nil, err
	}
	return scanNames(rows)
}

// Rows stored in a struct field: the iterator closes them later.
func storedInStruct(db *sql.DB) (*UserIter, error) {
	rows, err := db.Query("SELECT id, name FROM users")
	if err != nil {
		return nil, err
	}
	return &UserIter{rows: rows}, nil
}

// Rows assigned straight into a field.
func (it *UserIter) reload(db *sql.DB) error {
	var err error
	it.rows, err = db.Query("SELECT id, name FROM users")
	return err
}

// Rows sent on a channel to a consumer.
func sentOnChannel(db *sql.DB, out chan<- *sql.Rows) error {
	rows, err := db.Query("SELECT id FROM events")
	if err != nil {
		return err
	}
	out <- rows
	return nil
}

// Detached work: the goroutine that reads the rows closes them.
func consumedByGoroutine(db *sql.DB, done chan<- int) error {
	rows, err := db.Query("SELECT id FROM events")
	if err != nil {
		return err
	}
	go func() {
		defer rows.Close()
		n := 0
		for rows.Next() {
			n++
		}
		done <- n
	}()
	return nil
}

// A cleanup func that closes the rows, deferred under another name.
func cleanupFunc(db *sql.DB) error {
	rows, err := db.Query("SELECT 1")
	if err != nil {
		return err
	}
	cleanup := func() { rows.Close() }
	defer cleanup()
	return rows.Err()
}

// QueryRow returns a *sql.Row, which needs no Close.
func singleRow(ctx context.Context, db *sql.DB, id int64) (string, error) {
	var name string
	err := db.QueryRowContext(ctx, "SELECT name FROM users WHERE id = $1", id).Scan(&name)
	return name, err
}

// The receiver is an interface: we cannot tell what its rows are.
func throughInterface(ctx context.Context, q Querier) bool {
	rows, _ := q.QueryContext(ctx, "SELECT 1")
	return rows.Next()
}

// A method named Query on a type that has nothing to do with SQL.
func unrelatedQuery(c Cache) string {
	return c.Query("users")
}

// An explicit Close after the loop, with nothing that can leave in between: every path closes.
func explicitCloseNoEarlyExit(db *sql.DB) (int, error) {
	rows, err := db.Query("SELECT id FROM users")
	if err != nil {
		return 0, err
	}
	n := 0
	for rows.Next() {
		n++
	}
	if err := rows.Close(); err != nil {
		return 0, err
	}
	return n, rows.Err()
}

// An explicit Close before each early return and after the loop.
func explicitCloseOnEveryPath(db *sql.DB) ([]int64, error) {
	rows, err := db.Query("SELECT id FROM users")
	if err != nil {
		return nil, err
	}
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return nil, err
		}
		if id < 0 {
			break
		}
		ids = append(ids, id)
	}
	rows.Close()
	return ids, rows.Err()
}

// Closed at the end of each iteration, without defer piling up in the loop.
func closedPerIteration(db *sql.DB, tenants []string) (int, error) {
	total := 0
	for _, tenant := range tenants {
		rows, err := db.Query("SELECT id FROM orders WHERE tenant = $1", tenant)
		if err != nil {
			return 0, err
		}
		for rows.Next() {
			total++
		}
		rows.Close()
	}
	return total, nil
}

// Closed in both branches of an if/else: we do not try to prove it, and stay silent.
func closedInBothBranches(db *sql.DB, verbose bool) error {
	rows, err := db.Query("SELECT id FROM users")
	if err != nil {
		return err
	}
	if verbose {
		defer rows.Close()
		log.Print("listing users")
	} else {
		defer rows.Close()
	}
	return rows.Err()
}

// Reading one row through Query: the return under `!rows.Next()` runs after Next has closed the
// rows, and the Close is deferred before anything else can leave.
func firstID(db *sql.DB) (int64, error) {
	rows, err := db.Query("SELECT id FROM users ORDER BY id LIMIT 1")
	if err != nil {
		return 0, err
	}
	if !rows.Next() {
		return 0, sql.ErrNoRows
	}
	defer rows.Close()
	var id int64
	err = rows.Scan(&id)
	return id, err
}

// An error check with an extra condition still returns only when the rows are nil.
func errorCheckWithCondition(ctx context.Context, db *sql.DB, strict bool) error {
	rows, err := db.QueryContext(ctx, "SELECT id FROM users")
	if err != nil && strict {
		return err
	}
	if rows == nil {
		return nil
	}
	defer rows.Close()
	return rows.Err()
}

// Silenced with the peer linter's name.
func silencedWithPeerName(db *sql.DB) bool {
	rows, _ := db.Query("SELECT 1") //nolint:sqlclosecheck // closed by the caller's pool reset
	return rows.Next()
}

// The error check has an else branch; its return runs only when the query failed, where the rows
// are nil, and nothing else leaves before the deferred Close.
func errorCheckWithElse(db *sql.DB) (int, error) {
	rows, err := db.Query("SELECT id FROM users")
	if err != nil {
		return 0, err
	} else {
		log.Print("query ran")
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		n++
	}
	return n, rows.Err()
}
