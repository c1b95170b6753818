package app

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"log"
	"net/http"

	db2 "github.com/jmoiron/sqlx"
)

func serve(dsn string) error {
	db, err := sql.Open("postgres", dsn) // want "sql-pool-limits"
	if err != nil {
		return err
	}
	defer db.Close()
	http.HandleFunc("/count", func(w http.ResponseWriter, r *http.Request) {
		var n int
		if err := db.QueryRowContext(r.Context(), "SELECT count(*) FROM users").Scan(&n); err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
		}
	})
	return http.ListenAndServe(":8080", nil)
}

func report(ctx context.Context, dsn string) error {
	pool, err := db2.ConnectContext(ctx, "pgx", dsn) // want "sql-pool-limits"
	if err != nil {
		return err
	}
	pool.SetMaxOpenConns(10)
	var total int64
	return pool.GetContext(ctx, &total, "SELECT sum(amount) FROM payments")
}

func migrate(dsn string) {
	db := db2.MustConnect("mysql", dsn) // want "sql-pool-limits"
	db.DB.SetMaxOpenConns(5)
	db.MustExec("CREATE TABLE IF NOT EXISTS jobs (id bigint)")
}

func withVar(dsn string) {
	var db, err = sql.Open("mysql", dsn) // want "sql-pool-limits"
	if err != nil {
		log.Fatal(err)
	}
	db.SetConnMaxLifetime(0)
	if err := db.Ping(); err != nil {
		log.Fatal(err)
	}
}

func fromConnector(c driver.Connector) error {
	db := sql.OpenDB(c) // want "sql-pool-limits"
	return db.Ping()
}

// The error check does not follow the call directly: reported without a fix.
func loggedOpen(dsn string) error {
	db, err := sql.Open("postgres", dsn) // want "sql-pool-limits"
	log.Printf("open: %v", err)
	if err != nil {
		return err
	}
	return db.Ping()
}

// The sizes are set, only the lifetime is missing: that fix is safe to apply (preferred).
func sizedButKeptForever(dsn string) {
	db, err := sql.Open("postgres", dsn) // want "sql-pool-limits"
	if err != nil {
		log.Fatal(err)
	}
	db.SetMaxOpenConns(50)
	db.SetMaxIdleConns(50)
	if err := db.Ping(); err != nil {
		log.Fatal(err)
	}
}
