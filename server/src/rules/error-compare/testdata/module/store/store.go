// The store hands the domain's sentinels on; one function wraps them.
package store

import (
	"fmt"

	"example.com/shop/domain"
)

// Find returns domain.ErrNotFound as it is.
func Find(id string) (string, error) {
	if id == "" {
		return "", domain.ErrNotFound
	}
	return id, nil
}

// FindWrapped wraps the sentinel with %w: comparing with == misses it.
func FindWrapped(id string) (string, error) {
	if id == "" {
		return "", fmt.Errorf("find %q: %w", id, domain.ErrNotFound)
	}
	return id, nil
}
