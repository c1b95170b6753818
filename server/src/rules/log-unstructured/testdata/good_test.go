package orders

import (
	"fmt"
	"log"
	"testing"
)

// Test files print however they like.
func TestSave(t *testing.T) {
	log.Printf("running %s", t.Name())
	fmt.Println("debug output")
}
