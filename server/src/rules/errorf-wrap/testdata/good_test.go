package errs

import (
	"fmt"
	"testing"
)

// Errors a test builds only feed its own failure messages.
func TestParse(t *testing.T) {
	err := fmt.Errorf("boom")
	if got := fmt.Errorf("parse: %v", err); got == nil {
		t.Fatal("no error")
	}
}
