package store

import (
	"context"
	"database/sql"
	"errors"
	"time"
)

// `for rows.Next()` closes the rows once it has read them all; the Scan-error return inside the
// loop leaves before that, with the rows open. In an outer loop no defer is offered.
func permissionsPerDB(db *sql.DB, names []string) (map[string][]string, error) {
	out := map[string][]string{}
	for _, name := range names {
		userRows, err := db.Query("SELECT user FROM grants WHERE db = $1", name) // want "sql-rows-close"
		if err != nil {
			continue
		}
		for userRows.Next() {
			var user string
			if err := userRows.Scan(&user); err != nil {
				return nil, err
			}
			if user == "root" {
				continue
			}
			out[name] = append(out[name], user)
		}
	}
	return out, nil
}

// A `break` ends the loop before Next has closed the rows.
func firstAdmin(db *sql.DB) (string, error) {
	rows, err := db.Query("SELECT name, admin FROM users") // want "sql-rows-close"
	if err != nil {
		return "", err
	}
	var found string
	for rows.Next() {
		var name string
		var admin bool
		if err := rows.Scan(&name, &admin); err != nil {
			return "", err
		}
		if admin {
			found = name
			break
		}
	}
	return found, nil
}

// A return between the query and the loop: the rows were never read.
func countIfEnabled(db *sql.DB, enabled func() bool) (int, error) {
	rows, err := db.Query("SELECT id FROM jobs") // want "sql-rows-close"
	if err != nil {
		return 0, err
	}
	if !enabled() {
		return 0, errors.New("disabled")
	}
	n := 0
	for rows.Next() {
		n++
	}
	return n, nil
}

// A `continue` to the outer loop's label leaves the inner loop early.
func anyShared(db *sql.DB, groups []string) int {
	shared := 0
outer:
	for _, group := range groups {
		rows, err := db.Query("SELECT owner FROM files WHERE grp = $1", group) // want "sql-rows-close"
		if err != nil {
			continue
		}
		for rows.Next() {
			var owner string
			if rows.Scan(&owner) == nil && owner == "" {
				shared++
				continue outer
			}
		}
	}
	return shared
}

// A labelled loop over the rows that continues itself still reads them all: nothing leaks, and
// the finding only asks for the Close (information).
func skipEmpty(db *sql.DB) []string {
	rows, err := db.Query("SELECT name FROM tags") // want "sql-rows-close:information"
	if err != nil {
		return nil
	}
	var names []string
rowsLoop:
	for rows.Next() {
		var name string
		if rows.Scan(&name) != nil || name == "" {
			continue rowsLoop
		}
		names = append(names, name)
	}
	return names
}

// database/sql closes the rows of a query when its context is done: a deadline set here, or a
// cancel deferred here, ends the context, so the early return holds the rows until then.
func hosts(db *sql.DB, timeout time.Duration) ([]string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	rows, err := db.QueryContext(ctx, "SELECT host FROM users") // want "sql-rows-close:information"
	if err != nil {
		return nil, err
	}
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return nil, ctx.Err()
	}
	var out []string
	for rows.Next() {
		var host string
		if err := rows.Scan(&host); err != nil {
			continue
		}
		out = append(out, host)
	}
	return out, nil
}

func namesUntilCancel(parent context.Context, db *sql.DB) ([]string, error) {
	ctx, cancel := context.WithCancel(parent)
	defer cancel()
	rows, err := db.QueryContext(ctx, "SELECT name FROM users") // want "sql-rows-close:information"
	if err != nil {
		return nil, err
	}
	var out []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return nil, err
		}
		out = append(out, name)
	}
	return out, nil
}

// The caller's context may never end: a warning.
func namesOnCallerContext(ctx context.Context, db *sql.DB) ([]string, error) {
	rows, err := db.QueryContext(ctx, "SELECT name FROM users") // want "sql-rows-close"
	if err != nil {
		return nil, err
	}
	var out []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return nil, err
		}
		out = append(out, name)
	}
	return out, nil
}
