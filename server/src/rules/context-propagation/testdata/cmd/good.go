// Package main: main and init own the process lifetime, so they start from context.Background().
package main

import (
	"context"
	"database/sql"
	"log"
	"net/http"
)

var db *sql.DB

func init() {
	var err error
	db, err = sql.Open("postgres", "")
	if err != nil {
		log.Fatal(err)
	}
	if err := db.Ping(); err != nil {
		log.Fatal(err)
	}
}

func main() {
	ctx := context.Background()
	req, err := http.NewRequest(http.MethodGet, "http://localhost:8080/healthz", nil)
	if err != nil {
		log.Fatal(err)
	}
	if _, err := http.DefaultClient.Do(req.WithContext(ctx)); err != nil {
		log.Fatal(err)
	}
	if _, err := db.Exec("SELECT 1"); err != nil {
		log.Fatal(err)
	}
}
