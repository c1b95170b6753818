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

// The text of a module package's sentinel: that package creates it, so errors.Is can match it.
func missing(id string) bool {
	_, err := store.FindWrapped(id)
	return err.Error() == "order not found" // want "error-compare"
}

// A text that no package of the module creates.
func throttled(id string) bool {
	_, err := store.FindWrapped(id)
	return err.Error() == "rate limited" // want "error-compare:information"
}
