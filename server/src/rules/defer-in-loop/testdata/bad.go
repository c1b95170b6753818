package files

import (
	"context"
	"database/sql"
	"fmt"
	"net/http"
	"os"
	"sync"
	"time"

	"github.com/jmoiron/sqlx"
)

type Store struct {
	db *sqlx.DB
	mu sync.Mutex
}

func countLines(paths []string) (int, error) {
	total := 0
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			return 0, err
		}
		defer f.Close() // want "defer-in-loop"
		total++
	}
	return total, nil
}

// The lock is only released when the function returns: the second iteration deadlocks.
func (s *Store) bump(keys []string, counts map[string]int) {
	for _, k := range keys {
		s.mu.Lock()
		defer s.mu.Unlock() // want "defer-in-loop"
		counts[k]++
	}
}

func (s *Store) exportAll(ctx context.Context, tables []string) error {
	for _, t := range tables {
		rows, err := s.db.QueryxContext(ctx, "SELECT * FROM "+t)
		if err != nil {
			return err
		}
		defer rows.Close() // want "defer-in-loop"
		for rows.Next() {
			fmt.Println(t)
		}
	}
	return nil
}

// Nested in an if, in a three-clause loop, with a multi-line deferred closure.
func txPerBatch(db *sql.DB, batches int) error {
	for i := 0; i < batches; i++ {
		tx, err := db.Begin()
		if err != nil {
			return err
		}
		if i > 0 {
			defer func() { // want "defer-in-loop"
				_ = tx.Rollback()
			}()
		}
		if err := tx.Commit(); err != nil {
			return err
		}
	}
	return nil
}

// An accept-style loop: the block goes on with `continue`, not out of the loop.
func serve(next func() (*os.File, error)) {
	for {
		f, err := next()
		if err != nil {
			continue
		}
		defer f.Close() // want "defer-in-loop"
		if f.Name() == "" {
			continue
		}
	}
}

// The loop of a func literal is still a loop.
func literalLoop(paths []string) func() {
	return func() {
		for _, p := range paths {
			f, _ := os.Open(p)
			defer f.Close() // want "defer-in-loop"
		}
	}
}

// A break that leaves only the inner loop: the outer loop registers the defer again.
func nestedBreak(groups [][]string) {
	for _, g := range groups {
		for _, p := range g {
			f, err := os.Open(p)
			if err != nil {
				continue
			}
			defer f.Close() // want "defer-in-loop"
			break
		}
	}
}

// A deadline context cancelled by a defer in the loop: each context frees itself at its deadline,
// so what piles up is bounded; still worth moving, but information.
func pages(client *http.Client, urls []string) error {
	for _, u := range urls {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel() // want "defer-in-loop:information"
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
		if err != nil {
			return err
		}
		resp, err := client.Do(req)
		if err != nil {
			return err
		}
		resp.Body.Close()
	}
	return nil
}

// A cancel-only context has no deadline: it lives until the function returns.
func watchAll(parent context.Context, names []string) {
	for _, name := range names {
		ctx, cancel := context.WithCancel(parent)
		defer cancel() // want "defer-in-loop"
		go watch(ctx, name)
	}
}

func watch(ctx context.Context, name string) {
	<-ctx.Done()
	_ = name
}
