package store

import (
	"context"
	dbsql "database/sql"
	"fmt"
	"net/http"
	"strconv"
	"strings"
)

const usersTable = "users"

// tableName is a package variable: set once, not request input; the rule does not follow it.
var tableName = "accounts"

type Cache struct{}

// Query of a type that is not a database handle.
func (c *Cache) Query(q string) string { return q }

type Orders struct {
	db    *dbsql.DB
	table string
}

// Concatenation of constants only: a local const, a file-level const and literals.
func (s *Store) Count(ctx context.Context) (int, error) {
	const where = " WHERE deleted_at IS NULL"
	var n int
	err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM "+usersTable+where).Scan(&n)
	return n, err
}

// The placeholder form: the value travels as a query argument.
func (s *Store) ByName(ctx context.Context, name string) (*dbsql.Rows, error) {
	return s.db.QueryContext(ctx, "SELECT id FROM users WHERE name = $1", name)
}

// IN clause placeholders from strings.Repeat of a literal "?".
func (s *Store) ByIDs(ids []any) (*dbsql.Rows, error) {
	placeholders := strings.TrimSuffix(strings.Repeat("?,", len(ids)), ",")
	return s.db.Query("SELECT id FROM users WHERE id IN ("+placeholders+")", ids...)
}

// Numbered Postgres placeholders built in a loop and joined.
func (s *Store) ByIDsPostgres(ids []int64) (*dbsql.Rows, error) {
	var marks []string
	args := make([]any, 0, len(ids))
	for i, id := range ids {
		marks = append(marks, fmt.Sprintf("$%d", i+1))
		args = append(args, id)
	}
	return s.db.Query("SELECT id FROM users WHERE id IN ("+strings.Join(marks, ", ")+")", args...)
}

// fmt.Sprintf with only %d of integers: a number cannot carry SQL.
func (s *Store) Page(limit, offset int) (*dbsql.Rows, error) {
	return s.db.Query(fmt.Sprintf("SELECT id FROM users ORDER BY id LIMIT %d OFFSET %d", limit, offset))
}

// strconv.Itoa of an int: digits only.
func (s *Store) Top(n int) (*dbsql.Rows, error) {
	return s.db.Query("SELECT id FROM users ORDER BY score DESC LIMIT " + strconv.Itoa(n))
}

// A column chosen from a fixed whitelist in a switch: every assignment is a constant.
func (s *Store) Sorted(w http.ResponseWriter, r *http.Request) {
	var column string
	switch r.URL.Query().Get("sort") {
	case "name":
		column = "name"
	case "created":
		column = "created_at"
	default:
		column = "id"
	}
	rows, err := s.db.Query("SELECT id FROM users ORDER BY " + column)
	if err == nil {
		rows.Close()
	}
}

// A request value checked against a whitelist map before use.
var sortable = map[string]bool{"name": true, "created_at": true}

func (s *Store) SortedChecked(r *http.Request) (*dbsql.Rows, error) {
	column := r.URL.Query().Get("sort")
	if !sortable[column] {
		column = "id"
	}
	return s.db.Query("SELECT id FROM users ORDER BY " + column)
}

// A parameter compared with literal values before it is used (asc/desc is not a placeholder).
func (s *Store) Ordered(direction string) (*dbsql.Rows, error) {
	if direction != "ASC" && direction != "DESC" {
		return nil, fmt.Errorf("bad direction %q", direction)
	}
	return s.db.Query("SELECT id FROM users ORDER BY id " + direction)
}

// The SQL comes in ready-made: it is not built here.
func (s *Store) Run(ctx context.Context, query string, args ...any) (*dbsql.Rows, error) {
	return s.db.QueryContext(ctx, query, args...)
}

// A table name held by the receiver (configuration) and a package variable: not followed.
func (o *Orders) All() (*dbsql.Rows, error) {
	return o.db.Query("SELECT id FROM " + o.table + " JOIN " + tableName + " USING (id)")
}

// A prepared statement's Query takes arguments, not SQL.
func byStatement(stmt *dbsql.Stmt, name string) (*dbsql.Rows, error) {
	return stmt.Query(name)
}

// Not a database receiver.
func cached(c *Cache, name string) string {
	return c.Query("users:" + name)
}

// Column names ranged over a fixed list.
func (s *Store) Exists(ctx context.Context) error {
	for _, column := range []string{"email", "name"} {
		if _, err := s.db.ExecContext(ctx, "CREATE INDEX IF NOT EXISTS idx_"+column+" ON users ("+column+")"); err != nil {
			return err
		}
	}
	return nil
}

// An unexported helper: its callers are all in this package and pass configuration (the
// database name from the service's own settings), not request input.
func createDatabase(db *dbsql.DB, name string) error {
	_, err := db.Exec(fmt.Sprintf("CREATE DATABASE %s", name))
	return err
}

// A func literal's parameter comes from whoever calls the literal, which the rule cannot see.
func (s *Store) Truncate(ctx context.Context) error {
	drop := func(table string) error {
		_, err := s.db.ExecContext(ctx, "TRUNCATE "+table)
		return err
	}
	for _, t := range []string{"sessions", "tokens"} {
		if err := drop(t); err != nil {
			return err
		}
	}
	return nil
}
