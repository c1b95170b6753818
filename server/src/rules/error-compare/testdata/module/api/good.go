package api

import (
	"example.com/shop/domain"
	orders "example.com/shop/store"
)

// Find (in another package of the module, aliased here) hands the sentinel on unwrapped.
func bare(id string) bool {
	_, err := orders.Find(id)
	return err == domain.ErrNotFound
}
