package consumer

import (
	"context"
	"log"
	"time"
)

// The other case leaves the loop: at most one timer is pending when it wins.
func sleepOrCancel(ctx context.Context, attempts int) error {
	for i := 0; i < attempts; i++ {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(time.Second):
		}
	}
	return nil
}

// The only case is the timer: it always fires before the next pass.
func pace(n int) {
	for i := 0; i < n; i++ {
		select {
		case <-time.After(10 * time.Millisecond):
		}
		log.Println(i)
	}
}

// The other case leaves the loop with a labelled break or log.Fatal.
func labelled(in <-chan Message, fatal <-chan error) {
Loop:
	for {
		select {
		case <-in:
			break Loop
		case err := <-fatal:
			log.Fatal(err)
		case <-time.After(time.Second):
		}
	}
}

// A select that is not in a loop runs once.
func once(in <-chan Message) (Message, bool) {
	select {
	case m := <-in:
		return m, true
	case <-time.After(time.Second):
		return Message{}, false
	}
}

// A loop outside the func literal does not repeat the select in the literal each time it runs
// in the same pass: the literal is its own function.
func detached(in <-chan Message) {
	for i := 0; i < 2; i++ {
		go func() {
			select {
			case m := <-in:
				handle(m)
			case <-time.After(time.Second):
			}
		}()
	}
}

// The right form before Go 1.23: one timer, stopped and reset.
func hoisted(in <-chan Message) {
	timer := time.NewTimer(time.Minute)
	defer timer.Stop()
	for {
		select {
		case m := <-in:
			handle(m)
		case <-timer.C:
			return
		}
	}
}

// A loop counting to a literal makes at most that many timers.
func twoResults(errs <-chan error) error {
	for i := 0; i < 2; i++ {
		select {
		case err := <-errs:
			if err != nil {
				return err
			}
		case <-time.After(10 * time.Second):
			return context.DeadlineExceeded
		}
	}
	return nil
}

// An After method that is not the time package's.
type clock struct{}

func (clock) After(d time.Duration) <-chan time.Time { return nil }

func otherAfter(in <-chan Message) {
	var c clock
	for {
		select {
		case <-in:
		case <-c.After(time.Second):
		}
	}
}
