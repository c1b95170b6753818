package app

import (
	"database/sql"
	"log"
	"time"

	"github.com/jmoiron/sqlx"
)

// Idiom: all three limits set in the function.
func configured(dsn string) (*sql.Rows, error) {
	db, err := sql.Open("postgres", dsn)
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(25)
	db.SetMaxIdleConns(25)
	db.SetConnMaxLifetime(5 * time.Minute)
	return db.Query("SELECT 1")
}

// Idiom: an idle-time limit instead of a lifetime, through sqlx's embedded *sql.DB too.
func idleTime(dsn string) error {
	db, err := sqlx.Open("pgx", dsn)
	if err != nil {
		return err
	}
	db.DB.SetMaxOpenConns(10)
	db.SetMaxIdleConns(10)
	db.SetConnMaxIdleTime(time.Minute)
	return db.Ping()
}

// Idiom: the pool is passed to a configuring helper.
func viaHelper(dsn string) error {
	db, err := sql.Open("postgres", dsn)
	if err != nil {
		return err
	}
	tune(db)
	return db.Ping()
}

func tune(db *sql.DB) {
	db.SetMaxOpenConns(25)
	db.SetMaxIdleConns(25)
	db.SetConnMaxLifetime(5 * time.Minute)
}

// Idiom: the pool is returned; the caller configures it.
func open(dsn string) (*sql.DB, error) {
	db, err := sql.Open("postgres", dsn)
	if err != nil {
		return nil, err
	}
	return db, nil
}

// Idiom: a named result, returned to the caller.
func openNamed(dsn string) (db *sql.DB, err error) {
	db, err = sql.Open("postgres", dsn)
	return
}

// Idiom: the pool goes straight into another call.
func wrapped(dsn string) *sqlx.DB {
	return sqlx.NewDb(sql.OpenDB(nil), "postgres")
}

// Idiom: stored in a struct field or a package variable; another function of the package may
// configure it (not visible from here yet, so the rule stays silent).
type Store struct{ db *sql.DB }

var shared *sqlx.DB

var global = sqlx.MustConnect("postgres", "postgres://localhost/app")

func newStore(dsn string) (*Store, error) {
	db, err := sql.Open("postgres", dsn)
	if err != nil {
		return nil, err
	}
	return &Store{db: db}, nil
}

func (s *Store) reopen(dsn string) error {
	var err error
	s.db, err = sql.Open("postgres", dsn)
	return err
}

func initShared(dsn string) {
	db, err := sqlx.Connect("postgres", dsn)
	if err != nil {
		log.Fatal(err)
	}
	shared = db
}

// Idiom: an embedded database, where pool limits matter little.
func cache(path string) (*sql.Rows, error) {
	db, err := sql.Open("sqlite3", path)
	if err != nil {
		return nil, err
	}
	return db.Query("SELECT 1")
}

// Idiom: an Open that is not database/sql's or sqlx's.
type fakeDriver struct{}

func (fakeDriver) Open(name string) (*sql.DB, error) { return nil, nil }

func otherOpen(d fakeDriver) error {
	db, err := d.Open("x")
	if err != nil {
		return err
	}
	return db.Ping()
}

// Opened, used and closed in one function: a one-off connection that creates the database, not
// a pool that serves traffic.
func createDatabase(dsn, name string) error {
	admin, err := sql.Open("postgres", dsn)
	if err != nil {
		return err
	}
	defer admin.Close()
	_, err = admin.Exec("CREATE DATABASE " + name)
	return err
}

// The same with sqlx, closed explicitly at the end.
func migrateOnce(dsn string) {
	db := sqlx.MustConnect("mysql", dsn)
	db.MustExec("CREATE TABLE IF NOT EXISTS jobs (id bigint)")
	db.Close()
}
