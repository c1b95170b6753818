package legacy

import (
	"fmt"
	"os"
)

// Before Go 1.20 fmt.Errorf wraps a single error: only the first one is converted.
func cleanup(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	closeErr := f.Close()
	removeErr := os.Remove(path)
	return fmt.Errorf("close: %v; remove: %v", closeErr, removeErr) // want "errorf-wrap"
}
