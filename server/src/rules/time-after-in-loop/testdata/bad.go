package consumer

import (
	"context"
	"log"
	tm "time"
)

type Message struct{ Body string }

type Consumer struct {
	in      <-chan Message
	timeout tm.Duration
}

func handle(m Message) {}

// Each message starts a new idle timer; the old ones wait out their full minute.
func (c *Consumer) run(ctx context.Context) {
	for {
		select {
		case m := <-c.in:
			handle(m)
		case <-tm.After(c.timeout): // want "time-after-in-loop"
			log.Println("idle")
			return
		case <-ctx.Done():
			return
		}
	}
}

// A range loop over a batch, with a default case that keeps looping.
func drain(batch []Message, out chan<- Message) {
	for _, m := range batch {
		select {
		case out <- m:
		case <-tm.After(5 * tm.Second): // want "time-after-in-loop"
			log.Println("dropped", m.Body)
		}
	}
}

// Nested in an if inside the loop; the other case ends with a plain break, which only leaves
// the select.
func poll(in <-chan Message, rounds int) {
	for i := 0; i < rounds; i++ {
		if i%2 == 0 {
			select {
			case m, ok := <-in:
				if !ok {
					break
				}
				handle(m)
			case <-tm.After(tm.Second): // want "time-after-in-loop"
			}
		}
	}
}

// Assigned result: `case t := <-time.After(d)`.
func stamp(in <-chan Message) {
	for {
		select {
		case m := <-in:
			handle(m)
		case t := <-tm.After(tm.Minute): // want "time-after-in-loop"
			log.Println("quiet since", t)
		}
	}
}
