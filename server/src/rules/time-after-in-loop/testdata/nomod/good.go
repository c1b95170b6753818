package nomod

import (
	"log"
	"time"
)

// Without a go.mod the Go version is unknown: assume a modern module and stay silent.
func consume(in <-chan string) {
	for {
		select {
		case s := <-in:
			log.Println(s)
		case <-time.After(time.Minute):
			return
		}
	}
}
