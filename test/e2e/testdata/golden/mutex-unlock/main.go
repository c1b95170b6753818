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
	defer c.mu.Unlock()
	if key == "" {
		return sql.ErrNoRows
	}
	c.items[key] = value
	return nil
}
