package api

import (
	"example.com/shop/domain"
	"example.com/shop/store"
)

// FindWrapped wraps the sentinel: == never matches it.
func wrapped(id string) bool {
	_, err := store.FindWrapped(id)
	return err == domain.ErrNotFound // want "error-compare"
}
