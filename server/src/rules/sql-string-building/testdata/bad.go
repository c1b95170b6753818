package store

import (
	"context"
	dbsql "database/sql"
	"fmt"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"
	"github.com/jmoiron/sqlx"
)

type User struct {
	ID   int64
	Name string
}

type Store struct {
	db  *dbsql.DB
	dbx *sqlx.DB
}

// Repo embeds the pool, so repo.Query is (*sql.DB).Query.
type Repo struct {
	*dbsql.DB
}

func (s *Store) FindByName(name string) (*dbsql.Rows, error) {
	return s.db.Query("SELECT id, name FROM users WHERE name = '" + name + "'") // want "sql-string-building"
}

func (s *Store) FindByEmail(ctx context.Context, email string) *dbsql.Row {
	return s.db.QueryRowContext(ctx, fmt.Sprintf("SELECT id FROM users WHERE email = '%s'", email)) // want "sql-string-building"
}

func (s *Store) Search(ctx context.Context, name, city string) (*dbsql.Rows, error) {
	q := "SELECT id, name FROM users WHERE 1 = 1"
	if name != "" {
		q += " AND name LIKE '%" + name + "%'"
	}
	if city != "" {
		q += " AND city = ?"
	}
	return s.db.QueryContext(ctx, q) // want "sql-string-building"
}

func (s *Store) Rename(ctx context.Context, tx *dbsql.Tx, id int64, name string) error {
	stmt := fmt.Sprintf("UPDATE users SET name = '%v' WHERE id = %d", name, id)
	_, err := tx.ExecContext(ctx, stmt) // want "sql-string-building"
	return err
}

func (s *Store) ListHandler(w http.ResponseWriter, r *http.Request) {
	order := r.URL.Query().Get("order")
	rows, err := s.db.Query("SELECT id, name FROM users ORDER BY " + order) // want "sql-string-building"
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	defer rows.Close()
}

func (s *Store) GinSearch(c *gin.Context) {
	var users []User
	query := "SELECT id, name FROM users WHERE name = '" + c.Query("name") + "'"
	if err := s.dbx.Select(&users, query); err != nil { // want "sql-string-building"
		c.AbortWithStatus(http.StatusInternalServerError)
		return
	}
	c.JSON(http.StatusOK, users)
}

func (s *Store) Get(ctx context.Context, table string, id int64) (User, error) {
	var u User
	err := s.dbx.GetContext(ctx, &u, "SELECT id, name FROM "+table+" WHERE id = $1", id) // want "sql-string-building"
	return u, err
}

func (s *Store) Columns(cols []string) (*sqlx.Rows, error) {
	return s.dbx.Queryx("SELECT " + strings.Join(cols, ", ") + " FROM users") // want "sql-string-building"
}

func (r *Repo) Delete(name string) error {
	_, err := r.Exec("DELETE FROM users WHERE name = '" + name + "'") // want "sql-string-building"
	return err
}

// An exported function: any caller, in any package, may pass any column.
func Prepare(ctx context.Context, conn *dbsql.Conn, column string) (*dbsql.Stmt, error) {
	sql := "SELECT id FROM users WHERE "
	sql = sql + column + " = ?"
	return conn.PrepareContext(ctx, sql) // want "sql-string-building"
}

func OpenAndQuery(dsn, name string) error {
	db, err := sqlx.Connect("postgres", dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	filter := strings.ToLower(name)
	_, err = db.NamedExec(fmt.Sprintf("DELETE FROM users WHERE name = '%s'", filter), map[string]any{}) // want "sql-string-building"
	return err
}
