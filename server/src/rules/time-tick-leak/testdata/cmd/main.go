package main

import (
	"fmt"
	"time"
)

// In main the ticker lives as long as the program.
func main() {
	for t := range time.Tick(time.Second) {
		fmt.Println(t)
		if t.Second() == 0 {
			break
		}
	}
}
