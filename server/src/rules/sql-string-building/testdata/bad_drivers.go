package store

import (
	"context"
	"fmt"
	"net/http"

	"github.com/gin-gonic/gin"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	jinzhu "github.com/jinzhu/gorm"
	"gorm.io/gorm"
)

type Article struct {
	ID    int64
	Title string
}

type Articles struct {
	db   *gorm.DB
	pool *pgxpool.Pool
}

// GORM: a raw statement, a condition, an ordering and a join built from request text.
func (a *Articles) Search(c *gin.Context) {
	var out []Article
	title := c.Query("title")
	a.db.Raw("SELECT * FROM articles WHERE title = '" + title + "'").Scan(&out)                  // want "sql-string-building"
	a.db.Where(fmt.Sprintf("title LIKE '%%%s%%'", title)).Find(&out)                             // want "sql-string-building"
	a.db.Order(c.Query("sort") + " DESC").Find(&out)                                             // want "sql-string-building"
	a.db.Model(&Article{}).Joins("JOIN tags ON tags.name = '" + c.Query("tag") + "'").Find(&out) // want "sql-string-building"
	c.JSON(http.StatusOK, out)
}

// The SQL argument of a method further down a chain, and a statement run with Exec.
func (a *Articles) Retitle(ctx context.Context, id int64, title string) error {
	return a.db.WithContext(ctx).Exec(fmt.Sprintf("UPDATE articles SET title = '%s' WHERE id = ?", title), id).Error // want "sql-string-building"
}

func (a *Articles) Grouped(ctx context.Context, column string) ([]Article, error) {
	var out []Article
	err := a.db.WithContext(ctx).Select(column + ", count(*)").Group(column).Having("count(*) > 1").Find(&out).Error // want "sql-string-building"
	return out, err
}

// GORM v1 chains take SQL the same way.
func LegacyByTitle(db *jinzhu.DB, title string) (Article, error) {
	var out Article
	err := db.Where("title = '" + title + "'").First(&out).Error // want "sql-string-building"
	return out, err
}

// pgx: the SQL comes after the context (and after the statement name in Prepare).
func (a *Articles) Count(ctx context.Context, table string) (int64, error) {
	var n int64
	err := a.pool.QueryRow(ctx, "SELECT count(*) FROM "+table).Scan(&n) // want "sql-string-building"
	return n, err
}

func Archive(ctx context.Context, tx pgx.Tx, owner string) error {
	_, err := tx.Exec(ctx, fmt.Sprintf("DELETE FROM articles WHERE owner = '%s'", owner)) // want "sql-string-building"
	return err
}

func PrepareByOwner(ctx context.Context, conn *pgx.Conn, owner string) error {
	_, err := conn.Prepare(ctx, "by_owner", "SELECT id FROM articles WHERE owner = '"+owner+"'") // want "sql-string-building"
	return err
}
