package cache

// The closure that would unlock is never called.
func (c *Cache) Stale(key string) string {
	c.mu.Lock() // want "mutex-unlock"
	done := func() { c.mu.Unlock() }
	_ = done
	return c.items[key]
}

// The literal that unlocks runs on the spot, but the early return comes first.
func (c *Cache) Peek(key string) (string, bool) {
	c.mu.RLock() // want "mutex-unlock"
	v, ok := c.items[key]
	if !ok {
		return "", false
	}
	func() { c.mu.RUnlock() }()
	return v, true
}
