package modern

import (
	"fmt"
	"time"
)

// From Go 1.23 an unreferenced ticker is collected even if never stopped.
func waitOnce() {
	for range time.Tick(time.Second) {
		fmt.Println("tick")
		return
	}
}
