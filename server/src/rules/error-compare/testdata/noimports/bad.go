package cache

import "github.com/acme/kv"

var ErrStale = kv.NewError("stale")

// The file imports no standard package: errors gets a group of its own above kv.
func get(load func(string) ([]byte, error), key string) []byte {
	value, err := load(key)
	if err == ErrStale { // want "error-compare:information"
		return nil
	}
	return value
}
