package errs

import (
	"context"
	dbsql "database/sql"
	"fmt"
	"os"
)

type Store struct {
	db *dbsql.DB
}

func (s *Store) Name(ctx context.Context, id int64) (string, error) {
	name, err := s.lookupName(ctx, id)
	if err == dbsql.ErrNoRows { // want "error-compare"
		return "", ErrNotFound
	}
	return name, err
}

// lookupName wraps what Scan returns, so ErrNoRows reaches Name inside another error.
func (s *Store) lookupName(ctx context.Context, id int64) (string, error) {
	var name string
	err := s.db.QueryRowContext(ctx, "SELECT name FROM users WHERE id = $1", id).Scan(&name)
	if err != nil {
		return "", fmt.Errorf("lookup name %d: %w", id, err)
	}
	return name, nil
}

// The error arrives as a parameter: where it comes from, and whether it was wrapped, is unknown.
func ignoreMissing(err error) error {
	if ErrNotFound == err { // want "error-compare:information"
		return nil
	}
	return err
}

func failed(err error) bool {
	return err != context.Canceled // want "error-compare:information"
}

func notFound(err error) bool {
	return err.Error() == "not found" // want "error-compare"
}

func classify(err error) int {
	switch err { // want "error-compare:information"
	case nil:
		return 200
	case ErrNotFound, os.ErrNotExist:
		return 404
	default:
		return 500
	}
}

func closeQuietly(f *os.File) {
	go func() {
		if err := f.Close(); err != os.ErrClosed { // want "error-compare"
			fmt.Println(err)
		}
	}()
}
