package store

import (
	"bufio"
	dbsql "database/sql"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"

	"github.com/gin-gonic/gin"
	"github.com/gofiber/fiber/v2"
	"github.com/labstack/echo/v4"
)

type Filter struct {
	Owner string `json:"owner"`
	Limit int    `json:"limit"`
}

// The example: a name typed on standard input, formatted into a DELETE.
func purge(db *dbsql.DB) error {
	var owner string
	if _, err := fmt.Scanln(&owner); err != nil {
		return err
	}
	_, err := db.Exec(fmt.Sprintf("DELETE FROM sessions WHERE owner = '%s'", owner)) // want "sql-string-building"
	return err
}

// A line read from standard input through a bufio.Reader.
func rename(db *dbsql.DB, id int64) error {
	reader := bufio.NewReader(os.Stdin)
	line, err := reader.ReadString('\n')
	if err != nil {
		return err
	}
	name := strings.TrimSpace(line)
	_, err = db.Exec("UPDATE users SET name = '"+name+"' WHERE id = $1", id) // want "sql-string-building"
	return err
}

// Lines scanned from standard input, then parsed with Sscanf.
func importTags(db *dbsql.DB) error {
	scanner := bufio.NewScanner(os.Stdin)
	for scanner.Scan() {
		var tag string
		if _, err := fmt.Sscanf(scanner.Text(), "tag=%s", &tag); err != nil {
			continue
		}
		if _, err := db.Exec("INSERT INTO tags (name) VALUES ('" + tag + "')"); err != nil { // want "sql-string-building"
			return err
		}
	}
	return scanner.Err()
}

// The environment, read inside a library function.
func cleanup(db *dbsql.DB) error {
	schema := os.Getenv("APP_SCHEMA")
	_, err := db.Exec("DROP TABLE IF EXISTS " + schema + ".scratch") // want "sql-string-building"
	return err
}

func tenantTable(db *dbsql.DB) (*dbsql.Rows, error) {
	tenant, ok := os.LookupEnv("TENANT")
	if !ok {
		tenant = "public"
	}
	return db.Query(fmt.Sprintf("SELECT id FROM %s.users", tenant)) // want "sql-string-building"
}

// A request body decoded into a struct: its string fields are the client's text.
func (s *Store) SearchHandler(w http.ResponseWriter, r *http.Request) {
	var f Filter
	if err := json.NewDecoder(r.Body).Decode(&f); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	rows, err := s.db.Query(fmt.Sprintf("SELECT id FROM users WHERE owner = '%s' LIMIT %d", f.Owner, f.Limit)) // want "sql-string-building"
	if err != nil {
		return
	}
	defer rows.Close()
}

// The raw body, read whole.
func (s *Store) RawHandler(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(r.Body)
	if err != nil {
		return
	}
	if _, err := s.db.Exec("INSERT INTO notes (text) VALUES ('" + string(body) + "')"); err != nil { // want "sql-string-building"
		http.Error(w, err.Error(), http.StatusInternalServerError)
	}
}

// Gin, Echo and Fiber bind the body into a struct the same way.
func (s *Store) GinBind(c *gin.Context) {
	var f Filter
	if err := c.ShouldBindJSON(&f); err != nil {
		return
	}
	_, _ = s.db.Exec("DELETE FROM drafts WHERE owner = '" + f.Owner + "'") // want "sql-string-building"
}

func (s *Store) EchoBind(c echo.Context) error {
	f := new(Filter)
	if err := c.Bind(f); err != nil {
		return err
	}
	_, err := s.db.Exec("DELETE FROM drafts WHERE owner = '" + f.Owner + "'") // want "sql-string-building"
	return err
}

func (s *Store) FiberBody(c *fiber.Ctx) error {
	var f Filter
	if err := c.BodyParser(&f); err != nil {
		return err
	}
	_, err := s.db.Exec(fmt.Sprintf("DELETE FROM drafts WHERE owner = %q", f.Owner)) // want "sql-string-building"
	return err
}

// A strings.Builder written with request text.
func (s *Store) Report(w http.ResponseWriter, r *http.Request) {
	var sb strings.Builder
	sb.WriteString("SELECT id FROM orders WHERE status = '")
	sb.WriteString(r.FormValue("status"))
	sb.WriteString("'")
	rows, err := s.db.Query(sb.String()) // want "sql-string-building"
	if err == nil {
		rows.Close()
	}
}

// Conditions gathered in a slice and joined.
func (s *Store) Matching(r *http.Request) (*dbsql.Rows, error) {
	var conds []string
	for _, tag := range r.URL.Query()["tag"] {
		conds = append(conds, "tag = '"+tag+"'")
	}
	return s.db.Query("SELECT id FROM posts WHERE " + strings.Join(conds, " OR ")) // want "sql-string-building"
}
