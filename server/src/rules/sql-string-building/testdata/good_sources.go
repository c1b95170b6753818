package store

import (
	"bufio"
	"context"
	dbsql "database/sql"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"slices"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"
)

type Page struct {
	Number int  `json:"number"`
	Asc    bool `json:"asc"`
}

// An identifier from the environment, quoted by pgx before it goes into the SQL.
func sanitized(ctx context.Context, conn *pgx.Conn) error {
	table := pgx.Identifier{"archive", os.Getenv("ARCHIVE_TABLE")}.Sanitize()
	_, err := conn.Exec(ctx, "TRUNCATE "+table)
	return err
}

// Numbers decoded from the request: fields declared int or bool print as digits or true/false.
func (s *Store) PageHandler(w http.ResponseWriter, r *http.Request) {
	var p Page
	if err := json.NewDecoder(r.Body).Decode(&p); err != nil {
		return
	}
	rows, err := s.db.Query(fmt.Sprintf("SELECT id FROM users ORDER BY id LIMIT 20 OFFSET %v", p.Number*20))
	if err == nil {
		rows.Close()
	}
	page, err := strconv.Atoi(r.FormValue("page"))
	if err != nil {
		return
	}
	rows, err = s.db.Query(fmt.Sprintf("SELECT id FROM users LIMIT 20 OFFSET %v", page*20))
	if err == nil {
		rows.Close()
	}
}

// A column typed on standard input, accepted only from a fixed list.
var columns = []string{"name", "email"}

func sortedBy(db *dbsql.DB) (*dbsql.Rows, error) {
	reader := bufio.NewReader(os.Stdin)
	column, _ := reader.ReadString('\n')
	column = strings.TrimSpace(column)
	if !slices.Contains(columns, column) {
		column = "id"
	}
	return db.Query("SELECT id FROM users ORDER BY " + column)
}

// The error of a read is not its text.
func firstLine(db *dbsql.DB) error {
	reader := bufio.NewReader(os.Stdin)
	_, err := reader.ReadString('\n')
	if err != nil {
		_, err = db.Exec(fmt.Sprintf("INSERT INTO failures (reason) VALUES ('%d')", len(err.Error())))
	}
	return err
}

// A file the service reads itself is not outside input.
func fromFile(db *dbsql.DB) error {
	schema, err := os.ReadFile("schema.sql")
	if err != nil {
		return err
	}
	_, err = db.Exec("BEGIN; " + string(schema) + "; COMMIT")
	return err
}

// Text parsed out of a constant is not input.
func parsedConstant(db *dbsql.DB) error {
	var table string
	if _, err := fmt.Sscanf("table=audit", "table=%s", &table); err != nil {
		return err
	}
	_, err := db.Exec("TRUNCATE " + table)
	return err
}

// A builder written with constants only.
func (s *Store) Recent() (*dbsql.Rows, error) {
	var sb strings.Builder
	sb.WriteString("SELECT id FROM orders")
	sb.WriteString(" ORDER BY id DESC LIMIT 10")
	return s.db.Query(sb.String())
}

// The request's size is a number.
func (s *Store) SizeHandler(w http.ResponseWriter, r *http.Request) {
	_, _ = s.db.Exec(fmt.Sprintf("INSERT INTO sizes (bytes) VALUES (%d)", r.ContentLength))
}
