package consumer

import (
	"testing"
	"time"
)

// Tests are short-lived processes: their timers do not accumulate for long.
func TestConsume(t *testing.T) {
	in := make(chan Message)
	for {
		select {
		case m := <-in:
			handle(m)
		case <-time.After(time.Second):
			t.Fatal("timeout")
		}
	}
}
