package main

import (
	"context"
	"database/sql"
	"net/http"
)

type Store struct{ db *sql.DB }

func (s *Store) Names(ctx context.Context, team int) ([]string, error) {
	rows, err := s.db.Query("SELECT name FROM users WHERE team = $1", team)
	if err != nil {
		return nil, err
	}
	var names []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return nil, err
		}
		names = append(names, name)
	}
	return names, rows.Err()
}

func notify(users []string, send func(string)) {
	for _, u := range users {
		go send(u)
	}
}

func main() {
	srv := &http.Server{Addr: ":8080"}
	_ = srv.ListenAndServe()
}
