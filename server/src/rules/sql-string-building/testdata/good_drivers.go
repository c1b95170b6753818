package store

import (
	"context"
	"fmt"

	"github.com/gin-gonic/gin"
	"github.com/jackc/pgx/v5/pgxpool"
	"gorm.io/gorm"
)

type Comments struct {
	db   *gorm.DB
	pool *pgxpool.Pool
}

type Comment struct {
	ID   int64
	Body string
}

// GORM's placeholders: the value travels as an argument.
func (c *Comments) ByAuthor(ctx context.Context, author string) ([]Comment, error) {
	var out []Comment
	err := c.db.WithContext(ctx).Where("author = ?", author).Find(&out).Error
	return out, err
}

// Conditions built from constants with placeholders, values as arguments.
func (c *Comments) Filtered(ctx context.Context, author, since string) ([]Comment, error) {
	q := c.db.WithContext(ctx).Model(&Comment{})
	where := "deleted_at IS NULL"
	args := []any{}
	if author != "" {
		where += " AND author = ?"
		args = append(args, author)
	}
	if since != "" {
		where += " AND created_at > ?"
		args = append(args, since)
	}
	var out []Comment
	err := q.Where(where, args...).Find(&out).Error
	return out, err
}

// An ordering chosen from a fixed list.
var commentOrders = map[string]string{"new": "created_at DESC", "old": "created_at ASC"}

func (c *Comments) Sorted(g *gin.Context) {
	order, ok := commentOrders[g.Query("sort")]
	if !ok {
		order = "id"
	}
	var out []Comment
	c.db.Order("pinned DESC, " + order).Find(&out)
	g.JSON(200, out)
}

// A number formatted into a GORM condition.
func (c *Comments) Recent(ctx context.Context, days int) ([]Comment, error) {
	var out []Comment
	err := c.db.WithContext(ctx).Where(fmt.Sprintf("created_at > now() - interval '%d days'", days)).Find(&out).Error
	return out, err
}

// A struct or map condition is not SQL text.
func (c *Comments) Matching(ctx context.Context, body string) ([]Comment, error) {
	var out []Comment
	err := c.db.WithContext(ctx).Where(&Comment{Body: body}).Find(&out).Error
	return out, err
}

// pgx with placeholders.
func (c *Comments) Count(ctx context.Context, author string) (int64, error) {
	var n int64
	err := c.pool.QueryRow(ctx, "SELECT count(*) FROM comments WHERE author = $1", author).Scan(&n)
	return n, err
}

// A query builder of this package with its own Where method, whose argument is not GORM's.
type Builder struct {
	*gorm.DB
	conds []string
}

func (b *Builder) Where(cond string) *Builder {
	b.conds = append(b.conds, cond)
	return b
}

func (c *Comments) Build(author string) *Builder {
	b := &Builder{DB: c.db}
	return b.Where("author = '" + author + "'")
}
