package store

import (
	"context"
	dbsql "database/sql"
	"errors"
	"log"
	"net/http"
	"time"

	"github.com/jmoiron/sqlx"
)

var ErrNotFound = errors.New("not found")

type User struct {
	ID   int64
	Name string
}

// Status is a string-based type of this package.
type Status string

// Store keeps its pool in a field; the package index knows the field's type.
type Store struct {
	db  *dbsql.DB
	dbx *sqlx.DB
}

// Repo embeds the pool, so QueryContext is promoted from *sql.DB.
type Repo struct {
	*dbsql.DB
}

var pool *dbsql.DB

func userNames(db *dbsql.DB) ([]string, error) {
	rows, err := db.Query("SELECT name FROM users")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var names []string
	for rows.Next() { // want "sql-rows-err"
		var name string
		if err := rows.Scan(&name); err != nil {
			return nil, err
		}
		names = append(names, name)
	}
	return names, nil
}

func (s *Store) ActiveUsers(ctx context.Context) ([]User, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT id, name FROM users WHERE active")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var users []User
	for rows.Next() { // want "sql-rows-err"
		var u User
		if err := rows.Scan(&u.ID, &u.Name); err != nil {
			return nil, err
		}
		users = append(users, u)
	}
	return users, nil
}

func (s *Store) CountWithSqlx(ctx context.Context) (int, error) {
	rows, err := s.dbx.QueryxContext(ctx, "SELECT id FROM users")
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	n := 0
	for rows.Next() { // want "sql-rows-err"
		n++
	}
	return n, nil
}

func (r *Repo) FirstUser(ctx context.Context) (User, error) {
	rows, err := r.QueryContext(ctx, "SELECT id, name FROM users ORDER BY id LIMIT 1")
	if err != nil {
		return User{}, err
	}
	defer rows.Close()
	for rows.Next() { // want "sql-rows-err"
		var u User
		err := rows.Scan(&u.ID, &u.Name)
		return u, err
	}
	return User{}, ErrNotFound
}

func totalFromPackagePool() (total int64, err error) {
	rows, err := pool.Query("SELECT amount FROM payments")
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	for rows.Next() { // want "sql-rows-err"
		var amount int64
		if err = rows.Scan(&amount); err != nil {
			return 0, err
		}
		total += amount
	}
	return total, nil
}

func touchAll(ctx context.Context, db *dbsql.DB, only bool) error {
	if only {
		rows, err := db.QueryContext(ctx, "SELECT id FROM users")
		if err != nil {
			return err
		}
		defer rows.Close()
	scan:
		for rows.Next() { // want "sql-rows-err"
			var id int64
			if err := rows.Scan(&id); err != nil {
				break scan
			}
		}
	}
	return nil
}

func statusOf(db *dbsql.DB, id int64) (Status, time.Time, error) {
	rows, err := db.Query("SELECT status, updated_at FROM orders WHERE id = $1", id)
	if err != nil {
		return "", time.Time{}, err
	}
	defer rows.Close()
	var status Status
	var at time.Time
	for rows.Next() { // want "sql-rows-err"
		if err := rows.Scan(&status, &at); err != nil {
			return "", time.Time{}, err
		}
	}
	return status, at, nil
}

// The check before the loop comes too early: Next has not failed yet.
func errCheckedTooEarly(db *dbsql.DB) error {
	rows, err := db.Query("SELECT 1")
	if err != nil {
		return err
	}
	defer rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for rows.Next() { // want "sql-rows-err"
	}
	return nil
}

// Two result sets read one after the other: the last loop is reported.
func twoResultSets(db *dbsql.DB) (int, error) {
	rows, err := db.Query("SELECT 1; SELECT 2")
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		n++
	}
	rows.NextResultSet()
	for rows.Next() { // want "sql-rows-err"
		n++
	}
	return n, nil
}

// The worker's own rows, inside a func literal: the fix returns the literal's results.
func inWorker(ctx context.Context, db *dbsql.DB, jobs chan<- int64) {
	work := func() error {
		rows, err := db.QueryContext(ctx, "SELECT id FROM jobs")
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() { // want "sql-rows-err"
			var id int64
			if err := rows.Scan(&id); err != nil {
				return err
			}
			jobs <- id
		}
		return nil
	}
	if err := work(); err != nil {
		log.Print(err)
	}
}

// A handler has no error result: reported without a fix.
func listHandler(db *dbsql.DB) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		rows, err := db.QueryContext(r.Context(), "SELECT name FROM users")
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		defer rows.Close()
		for rows.Next() { // want "sql-rows-err"
			var name string
			_ = rows.Scan(&name)
			_, _ = w.Write([]byte(name + "\n"))
		}
	}
}

// A type parameter has no zero value we can spell: reported without a fix.
func firstOf[T any](db *sqlx.DB, query string) (T, error) {
	var zero T
	rows, err := db.Queryx(query)
	if err != nil {
		return zero, err
	}
	defer rows.Close()
	for rows.Next() { // want "sql-rows-err"
		var v T
		err := rows.StructScan(&v)
		return v, err
	}
	return zero, ErrNotFound
}

func idsByVar(ctx context.Context, tx *sqlx.Tx) ([]int64, error) {
	var rows *sqlx.Rows
	var err error
	rows, err = tx.QueryxContext(ctx, "SELECT id FROM users")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() { // want "sql-rows-err"
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, nil
}

// The loop skips the rows it cannot scan: a short result is what it already accepts, so the
// missing check is information.
func hostNames(ctx context.Context, db *dbsql.DB) ([]string, error) {
	rows, err := db.QueryContext(ctx, "SELECT host FROM hosts")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var hosts []string
	for rows.Next() { // want "sql-rows-err:information"
		var host string
		if err := rows.Scan(&host); err != nil {
			log.Printf("skipping a host: %v", err)
			continue
		}
		hosts = append(hosts, host)
	}
	return hosts, nil
}

// The same, with the Scan before the check.
func databaseNames(db *dbsql.DB) ([]string, error) {
	rows, err := db.Query("SELECT datname FROM pg_database")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var names []string
	for rows.Next() { // want "sql-rows-err:information"
		var name string
		err := rows.Scan(&name)
		// A row that cannot be read is left out.
		if err != nil {
			continue
		}
		names = append(names, name)
	}
	return names, nil
}

// The `continue` is an inner loop's: a row that cannot be scanned is not skipped by this one.
func tagsByPost(db *dbsql.DB, posts []int64) (map[int64]string, error) {
	rows, err := db.Query("SELECT post, tag FROM tags")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	tags := map[int64]string{}
	for rows.Next() { // want "sql-rows-err"
		var post int64
		var tag string
		for range posts {
			if err := rows.Scan(&post, &tag); err != nil {
				continue
			}
		}
		tags[post] = tag
	}
	return tags, nil
}

// Another value's Scan error skipped: this loop's rows still stop without a word.
func pairs(db *dbsql.DB, other *dbsql.Rows) ([]string, error) {
	rows, err := db.Query("SELECT a FROM pairs")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() { // want "sql-rows-err"
		var a, b string
		if err := other.Scan(&b); err != nil {
			continue
		}
		if err := rows.Scan(&a); err != nil {
			return nil, err
		}
		out = append(out, a+b)
	}
	return out, nil
}

// A Scan error is returned; the `continue` after it skips rows by their content, not because
// they could not be read.
func userHosts(db *dbsql.DB) ([]string, error) {
	rows, err := db.Query("SELECT user, host FROM mysql.user")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var hosts []string
	for rows.Next() { // want "sql-rows-err"
		var user, host string
		if err := rows.Scan(&user, &host); err != nil {
			return hosts, err
		}
		if user == "root" {
			continue
		}
		hosts = append(hosts, host)
	}
	return hosts, nil
}
