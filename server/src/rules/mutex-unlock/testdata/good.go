package cache

import "sync"

// The usual idiom: defer right after Lock.
func (c *Cache) Len() int {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return len(c.items)
}

// Unlock written explicitly on every path.
func (c *Cache) Delete(key string) bool {
	c.mu.Lock()
	if _, ok := c.items[key]; !ok {
		c.mu.Unlock()
		return false
	}
	delete(c.items, key)
	c.mu.Unlock()
	return true
}

// Unlocked in a deferred closure.
func (c *Cache) Reset() {
	c.mu.Lock()
	defer func() {
		c.items = map[string]string{}
		c.mu.Unlock()
	}()
	if len(c.items) == 0 {
		return
	}
}

// A lock helper: its job is to lock; the caller unlocks.
func (c *Cache) lockForWrite() *Cache {
	c.mu.Lock()
	return c
}

// Called with the lock held: it unlocks around slow work and locks again for the caller.
func (c *Cache) refreshLocked(load func() map[string]string) {
	c.mu.Unlock()
	items := load()
	c.mu.Lock()
	c.items = items
}

// TryLock: the branch that did not get the lock has nothing to release.
func (c *Cache) TryDelete(key string) bool {
	if !c.mu.TryLock() {
		return false
	}
	defer c.mu.Unlock()
	delete(c.items, key)
	return true
}

// The lock is released by another goroutine (ownership handed on).
func (c *Cache) handOff(done <-chan struct{}) {
	c.mu.Lock()
	go func() {
		<-done
		c.mu.Unlock()
	}()
}

// A path that panics needs no unlock.
func (c *Cache) MustGet(key string) string {
	c.mu.RLock()
	v, ok := c.items[key]
	if !ok {
		panic("missing " + key)
	}
	c.mu.RUnlock()
	return v
}

// Conditional locking paired with the same condition.
func (c *Cache) maybeLocked(shared bool, key string) string {
	if shared {
		c.mu.RLock()
	}
	v := c.items[key]
	if shared {
		c.mu.RUnlock()
	}
	return v
}

// A Lock method of a type that is not a sync mutex: unknown, so silent.
type fileLock struct{ path string }

func (f *fileLock) Lock()   {}
func (f *fileLock) Unlock() {}

func useFileLock(f *fileLock, ok bool) {
	f.Lock()
	if !ok {
		return
	}
	f.Unlock()
}

// A mutex whose type the index cannot see (a parameter of an unknown type).
func unknown(l sync.Locker, ok bool) {
	l.Lock()
	if !ok {
		return
	}
	l.Unlock()
}

// Unlocked by a helper: the rule cannot see into it.
func (c *Cache) viaHelper(key string) {
	c.mu.Lock()
	if key == "" {
		c.unlockAndNotify()
		return
	}
	c.mu.Unlock()
}

func (c *Cache) unlockAndNotify() { c.mu.Unlock() }

// Locked and unlocked around each iteration, continue included.
func (c *Cache) Sweep(keys []string) {
	for _, k := range keys {
		c.mu.Lock()
		if k == "" {
			c.mu.Unlock()
			continue
		}
		delete(c.items, k)
		c.mu.Unlock()
	}
}

// The goroutine pairs its own Lock and Unlock; the outer function defers its own.
func (c *Cache) Spawn() {
	c.mu.Lock()
	defer c.mu.Unlock()
	go func() {
		c.mu.Lock()
		defer c.mu.Unlock()
		c.items = nil
	}()
}

type conn struct {
	closemu sync.RWMutex
	dc      *Cache
}

func (c *conn) releaseConn(error) { c.closemu.RUnlock() }

// The lock is released by a method value handed to the caller.
func (c *conn) grab() (*Cache, func(error)) {
	c.closemu.RLock()
	return c.dc, c.releaseConn
}

// A lock helper whose body does nothing but lock.
func (c *Cache) WriteMode() {
	c.mu.Lock()
}
