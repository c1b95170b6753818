// The sentinels of the module.
package domain

import "errors"

// ErrNotFound is returned when an order does not exist.
var ErrNotFound = errors.New("order not found")
