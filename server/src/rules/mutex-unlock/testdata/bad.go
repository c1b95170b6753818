package cache

import (
	"errors"
	"sync"
	gosync "sync"
)

var ErrMissing = errors.New("missing")

type Cache struct {
	mu    sync.RWMutex
	items map[string]string
}

// An early return skips the Unlock at the end of the method.
func (c *Cache) Set(key, value string) error {
	c.mu.Lock() // want "mutex-unlock"
	if key == "" {
		return ErrMissing
	}
	c.items[key] = value
	c.mu.Unlock()
	return nil
}

// The read lock leaks on the miss path; the Unlock is followed by more work, so no fix.
func (c *Cache) Get(key string) (string, error) {
	c.mu.RLock() // want "mutex-unlock"
	v, ok := c.items[key]
	if !ok {
		return "", ErrMissing
	}
	c.mu.RUnlock()
	return normalize(v), nil
}

func normalize(s string) string { return s }

// A struct embedding the mutex, through an import alias.
type Counter struct {
	gosync.Mutex
	n map[string]int
}

func (c *Counter) Inc(key string) {
	c.Lock() // want "mutex-unlock"
	if _, ok := c.n[key]; !ok {
		return
	}
	c.n[key]++
	c.Unlock()
}

// A package-level mutex, locked and never unlocked.
var registryMu sync.Mutex
var registry = map[string]func(){}

func Register(name string, f func()) {
	registryMu.Lock() // want "mutex-unlock"
	registry[name] = f
}

// A panic-free switch where one case returns while locked.
func (c *Cache) Apply(op int, key string) bool {
	c.mu.Lock() // want "mutex-unlock"
	switch op {
	case 0:
		delete(c.items, key)
	case 1:
		return false
	}
	c.mu.Unlock()
	return true
}

// Inside a loop: break leaves the loop with the lock held.
func (c *Cache) Drain(keys []string) int {
	n := 0
	for _, k := range keys {
		c.mu.Lock() // want "mutex-unlock"
		if k == "" {
			break
		}
		delete(c.items, k)
		c.mu.Unlock()
		n++
	}
	return n
}

// A local mutex pointer inside a goroutine's function.
func parallel(jobs []int) {
	mu := &sync.Mutex{}
	total := 0
	for _, j := range jobs {
		go func(j int) {
			mu.Lock() // want "mutex-unlock"
			if j < 0 {
				return
			}
			total += j
			mu.Unlock()
		}(j)
	}
}
