package orders

import (
	"context"

	jinzhu "github.com/jinzhu/gorm"
	"gorm.io/gorm"
)

type Ledger struct {
	db *gorm.DB
}

type Entry struct {
	ID     int64
	Amount int64
}

// The context is attached at the start of the chain.
func (l *Ledger) Entries(ctx context.Context) ([]Entry, error) {
	var out []Entry
	err := l.db.WithContext(ctx).Order("id").Find(&out).Error
	return out, err
}

// Or further down the chain, or through a session.
func (l *Ledger) Count(ctx context.Context) (int64, error) {
	var n int64
	err := l.db.Model(&Entry{}).WithContext(ctx).Count(&n).Error
	return n, err
}

func (l *Ledger) Add(ctx context.Context, e *Entry) error {
	return l.db.Session(&gorm.Session{Context: ctx}).Create(e).Error
}

// A local built with the context, extended and run later.
func (l *Ledger) Above(ctx context.Context, amount int64) ([]Entry, error) {
	q := l.db.WithContext(ctx).Model(&Entry{})
	q = q.Where("amount > ?", amount)
	var out []Entry
	err := q.Find(&out).Error
	return out, err
}

// A transaction begun with the context: its callback's handle carries it.
func (l *Ledger) Move(ctx context.Context, from, to int64) error {
	return l.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := tx.Model(&Entry{}).Where("id = ?", from).Update("amount", 0).Error; err != nil {
			return err
		}
		return tx.Model(&Entry{}).Where("id = ?", to).Update("amount", 1).Error
	})
}

// A transaction begun with the context and used through a local.
func (l *Ledger) Reset(ctx context.Context) error {
	tx := l.db.WithContext(ctx).Begin()
	if err := tx.Exec("DELETE FROM entries").Error; err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit().Error
}

// A handle from a helper that receives the context: the helper may attach it.
func (l *Ledger) conn(ctx context.Context) *gorm.DB {
	return l.db.WithContext(ctx)
}

func (l *Ledger) First(ctx context.Context) (Entry, error) {
	var e Entry
	err := l.conn(ctx).First(&e).Error
	return e, err
}

// No context in reach: nothing to pass (GORM has no context-taking twin to suggest).
func (l *Ledger) All() ([]Entry, error) {
	var out []Entry
	err := l.db.Find(&out).Error
	return out, err
}

// Detached work in a goroutine must not use the request's context.
func (l *Ledger) Audit(ctx context.Context) {
	go func() {
		l.db.Exec("INSERT INTO audit (at) VALUES (now())")
	}()
}

// GORM v1 has no WithContext.
func legacy(ctx context.Context, db *jinzhu.DB) error {
	var out []Entry
	return db.Find(&out).Error
}

// A scope function receives the chain it extends.
func paid(db *gorm.DB) *gorm.DB {
	return db.Where("paid")
}

func (l *Ledger) Paid(ctx context.Context) ([]Entry, error) {
	var out []Entry
	err := l.db.WithContext(ctx).Scopes(paid).Find(&out).Error
	return out, err
}

// sql.Rows scanned into GORM: ScanRows runs no SQL; rows.Scan is database/sql's.
func (l *Ledger) FromRows(ctx context.Context) error {
	rows, err := l.db.WithContext(ctx).Model(&Entry{}).Rows()
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var e Entry
		if err := l.db.ScanRows(rows, &e); err != nil {
			return err
		}
	}
	return rows.Err()
}

// The *sql.DB under a GORM handle: its Begin is database/sql's (reported as such when it drops a context).
func (l *Ledger) Raw(ctx context.Context) error {
	sqlDB, err := l.db.DB()
	if err != nil {
		return err
	}
	return sqlDB.PingContext(ctx)
}
