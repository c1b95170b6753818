package ancient

import "fmt"

// go.mod says Go 1.12: %w does not exist yet.
func wrap(err error) error {
	return fmt.Errorf("wrap: %v", err)
}
