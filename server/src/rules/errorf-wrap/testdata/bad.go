package errs

import (
	"database/sql"
	"errors"
	"fmt"
	stdfmt "fmt"
	"io"
	"os"
	"strconv"
)

var ErrNotFound = errors.New("not found")

var errClosed error = errors.New("closed")

type Store struct {
	db      *sql.DB
	lastErr error
}

func loadConfig(path string) ([]byte, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read config %s: %v", path, err) // want "errorf-wrap"
	}
	return data, nil
}

func parsePort(s string) (int, error) {
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0, stdfmt.Errorf("parse port %q: %s", s, err) // want "errorf-wrap"
	}
	return n, nil
}

func (s *Store) Count() (int, error) {
	var n int
	if err := s.db.QueryRow("SELECT count(*) FROM users").Scan(&n); err != nil {
		return 0, fmt.Errorf("count users: %v", err) // want "errorf-wrap"
	}
	return n, nil
}

func (s *Store) Open() error {
	rows, err := s.db.Query("SELECT 1")
	if err != nil {
		return fmt.Errorf("open: %v", err) // want "errorf-wrap"
	}
	return rows.Close()
}

func find(id int) error {
	return fmt.Errorf("user %d: %v", id, ErrNotFound) // want "errorf-wrap"
}

func closed() error {
	return fmt.Errorf("store: %v", errClosed) // want "errorf-wrap"
}

func (s *Store) last() error {
	return fmt.Errorf("previous failure: %v", s.lastErr) // want "errorf-wrap"
}

func copyAll(dst io.Writer, src io.Reader) error {
	if _, copyErr := io.Copy(dst, src); copyErr != nil {
		return fmt.Errorf("copy: %s", copyErr.Error()) // want "errorf-wrap"
	}
	return nil
}

func both(path string) error {
	f, openErr := os.Open(path)
	if openErr != nil {
		return openErr
	}
	closeErr := f.Close()
	// Go 1.20+ wraps several errors: both verbs change.
	return fmt.Errorf("open %v, close %v", openErr, closeErr) // want "errorf-wrap"
}

func validate(name string) error {
	if name == "" {
		return errors.New("empty name")
	}
	return nil
}

func named(name string) (err error) {
	defer func() {
		if err != nil {
			err = fmt.Errorf(`register %q:
	%v`, name, err) // want "errorf-wrap"
		}
	}()
	return fmt.Errorf("validate: %v", validate(name)) // want "errorf-wrap"
}
