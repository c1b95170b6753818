package orders

import (
	"context"
	nethttp "net/http"

	"github.com/gin-gonic/gin"
	"gorm.io/gorm"
)

type Invoice struct {
	ID     int64
	Amount int64
	Paid   bool
}

// Billing keeps a GORM handle in a field.
type Billing struct {
	db *gorm.DB
}

var defaultDB *gorm.DB

// A method taking ctx: its GORM chains must carry it.
func (b *Billing) Unpaid(ctx context.Context) ([]Invoice, error) {
	var out []Invoice
	err := b.db.Where("paid = ?", false).Order("id").Find(&out).Error // want "context-propagation"
	return out, err
}

func (b *Billing) MarkPaid(ctx context.Context, id int64) error {
	return b.db.Model(&Invoice{}).Where("id = ?", id).Update("paid", true).Error // want "context-propagation"
}

// One finding per chain: Count and Find both run SQL, the chain is reported at its end.
func (b *Billing) Page(ctx context.Context, offset int) ([]Invoice, int64, error) {
	var total int64
	var out []Invoice
	err := b.db.Model(&Invoice{}).Count(&total).Offset(offset).Limit(20).Find(&out).Error // want "context-propagation"
	return out, total, err
}

// A builder kept in a local, run later.
func (b *Billing) Search(ctx context.Context, minAmount int64) ([]Invoice, error) {
	q := b.db.Model(&Invoice{})
	if minAmount > 0 {
		q = q.Where("amount >= ?", minAmount)
	}
	var out []Invoice
	err := q.Find(&out).Error // want "context-propagation"
	return out, err
}

// A handle passed in, and a package variable.
func total(ctx context.Context, db *gorm.DB) (int64, error) {
	var sum int64
	err := db.Raw("SELECT sum(amount) FROM invoices").Scan(&sum).Error // want "context-propagation"
	return sum, err
}

func archive(ctx context.Context) error {
	return defaultDB.Exec("DELETE FROM invoices WHERE paid").Error // want "context-propagation"
}

// A transaction begun without the context: its statements run without it too.
func (b *Billing) Settle(ctx context.Context, id int64) error {
	return b.db.Transaction(func(tx *gorm.DB) error { // want "context-propagation"
		return tx.Model(&Invoice{}).Where("id = ?", id).Update("paid", true).Error
	})
}

// HTTP handlers: the request's context.
func (b *Billing) List(w nethttp.ResponseWriter, r *nethttp.Request) {
	var out []Invoice
	if err := b.db.Find(&out).Error; err != nil { // want "context-propagation"
		nethttp.Error(w, err.Error(), nethttp.StatusInternalServerError)
	}
}

func (b *Billing) Show(c *gin.Context) {
	var inv Invoice
	if err := b.db.First(&inv, c.Param("id")).Error; err != nil { // want "context-propagation"
		c.AbortWithStatus(nethttp.StatusNotFound)
		return
	}
	c.JSON(nethttp.StatusOK, inv)
}
