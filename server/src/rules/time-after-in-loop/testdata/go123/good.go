package modern

import (
	"log"
	"time"
)

// From Go 1.23 a timer nobody refers to is collected before it fires.
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
