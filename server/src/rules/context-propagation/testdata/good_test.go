package orders

import (
	"context"
	"database/sql"
	"testing"
)

// Tests build their own contexts and may call the plain methods.
func seed(ctx context.Context, t *testing.T, db *sql.DB) {
	t.Helper()
	if _, err := db.Exec("INSERT INTO orders (id, total) VALUES (1, 100)"); err != nil {
		t.Fatal(err)
	}
	if _, err := db.ExecContext(context.Background(), "INSERT INTO orders (id, total) VALUES (2, 200)"); err != nil {
		t.Fatal(err)
	}
}

func TestSeed(t *testing.T) {
	var db *sql.DB
	seed(context.Background(), t, db)
}
