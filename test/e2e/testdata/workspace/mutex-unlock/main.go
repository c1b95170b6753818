package cache

import (
	"database/sql"
	"sync"
)

type Cache struct {
	mu    sync.Mutex
	items map[string]string
}

func (c *Cache) Set(key, value string) error {
	c.mu.Lock()
	if key == "" {
		return sql.ErrNoRows
	}
	c.items[key] = value
	c.mu.Unlock()
	return nil
}
