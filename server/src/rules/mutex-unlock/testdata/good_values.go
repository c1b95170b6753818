package cache

// A closure kept in a variable and deferred.
func (c *Cache) Keys() []string {
	c.mu.RLock()
	done := func() { c.mu.RUnlock() }
	defer done()
	keys := make([]string, 0, len(c.items))
	for k := range c.items {
		keys = append(keys, k)
	}
	return keys
}

// A literal called on the spot, on the only path.
func (c *Cache) Has(key string) bool {
	c.mu.RLock()
	_, ok := c.items[key]
	func() { c.mu.RUnlock() }()
	return ok
}
