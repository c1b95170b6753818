package files

import (
	"os"
	"testing"
)

// A test's deferred cleanups pile up only until the test returns.
func TestReadAll(t *testing.T) {
	for _, name := range []string{"a.txt", "b.txt"} {
		f, err := os.Open(name)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
	}
}
