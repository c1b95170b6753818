package nomod

import (
	"fmt"
	"time"
)

// Without a go.mod the Go version is unknown: assume a modern module and stay silent.
func waitOnce() {
	for range time.Tick(time.Second) {
		fmt.Println("tick")
		return
	}
}
