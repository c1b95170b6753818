package poller

import (
	"fmt"
	"time"
)

// A package-level ticker is created once and lives as long as the program.
var heartbeat = time.Tick(30 * time.Second)

// init runs once.
func init() {
	_ = time.Tick(time.Hour)
}

// A function that never returns: its ticker is needed for as long as the program runs.
func reportForever() {
	for range time.Tick(time.Minute) {
		fmt.Println("alive")
	}
}

// Never returns either: an endless for with a select; the break only leaves the select.
func loopForever(jobs <-chan string) {
	tick := time.Tick(time.Second)
	for {
		select {
		case j := <-jobs:
			if j == "" {
				break
			}
			fmt.Println(j)
		case <-tick:
			fmt.Println("tick")
		}
	}
}

// A goroutine whose function never returns.
func startReporter() {
	go func() {
		for range time.Tick(10 * time.Second) {
			fmt.Println("report")
		}
	}()
}

// The same with the channel kept in a variable first: the loop still never ends.
func startSaver(save func() error) {
	go func() {
		tick := time.Tick(time.Minute)
		for range tick {
			if err := save(); err != nil {
				fmt.Println(err)
			}
		}
	}()
}

// The right form: a ticker that is stopped.
func stopped() {
	ticker := time.NewTicker(time.Second)
	defer ticker.Stop()
	for range ticker.C {
		return
	}
}

// A Tick method that is not the time package's.
type metronome struct{}

func (metronome) Tick(d time.Duration) <-chan time.Time { return nil }

func otherTick() {
	var m metronome
	<-m.Tick(time.Second)
}
