package poller

import (
	"context"
	"fmt"
	clock "time"
)

type Poller struct {
	interval clock.Duration
	stop     chan struct{}
}

func poll() bool { return false }

// Returns once the work is done: the ticker stays behind.
func waitReady(ctx context.Context) error {
	for range clock.Tick(200 * clock.Millisecond) { // want "time-tick-leak"
		if poll() {
			return nil
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
	}
	return nil
}

func (p *Poller) run() {
	tick := clock.Tick(clock.Second) // want "time-tick-leak"
	for {
		select {
		case <-tick:
			poll()
		case <-p.stop:
			return
		}
	}
}

func withBreak() {
	for t := range clock.Tick(5 * clock.Second) { // want "time-tick-leak"
		fmt.Println(t)
		if poll() {
			break
		}
	}
	fmt.Println("ready")
}

// A labelled loop left with a labelled break.
func labelled() {
Loop:
	for range clock.Tick(clock.Minute) { // want "time-tick-leak"
		for i := 0; i < 3; i++ {
			if poll() {
				break Loop
			}
		}
	}
}

// The interval is not a constant: NewTicker would panic where Tick returns nil, so no fix.
func (p *Poller) configured() {
	for range clock.Tick(p.interval) { // want "time-tick-leak"
		if poll() {
			return
		}
	}
}

// A new ticker on every pass of the loop: no fix, the ticker must move out of the loop.
func perIteration(events <-chan string) {
	for {
		select {
		case e := <-events:
			fmt.Println(e)
		case <-clock.Tick(clock.Second): // want "time-tick-leak"
			return
		}
	}
}

// A handler registered from main runs once per request.
func handler() func() {
	return func() {
		for range clock.Tick(clock.Second) { // want "time-tick-leak"
			if poll() {
				return
			}
		}
	}
}
