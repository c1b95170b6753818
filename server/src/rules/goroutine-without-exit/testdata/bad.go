package workers

import (
	"context"
	"log"
	"sync"
	"time"
)

type Job struct{ ID int }

func handle(Job) {}

// A consumer that receives forever: nothing closes the loop, not even a closed channel.
func startConsumer(jobs chan Job) {
	go func() { // want "goroutine-without-exit"
		for {
			job := <-jobs
			handle(job)
		}
	}()
}

// The ctx.Done case only logs, so the loop spins on a closed Done channel instead of ending.
func startWatcher(ctx context.Context, events <-chan string) {
	go func() { // want "goroutine-without-exit"
		for {
			select {
			case <-ctx.Done():
				log.Println("context cancelled")
			case e := <-events:
				log.Println(e)
			}
		}
	}()
}

// A bare break inside a select case leaves the select, not the loop.
func startPump(ctx context.Context, in <-chan int, out chan<- int) {
	go func() { // want "goroutine-without-exit"
		for {
			select {
			case <-ctx.Done():
				break
			case v := <-in:
				out <- v
			}
		}
	}()
}

// The same with a switch: `break` ends the switch statement only.
func startClassifier(in <-chan int) {
	go func() { // want "goroutine-without-exit"
		for {
			switch v := <-in; {
			case v < 0:
				break
			default:
				log.Println(v)
			}
		}
	}()
}

// The labelled break leaves the inner loop; the outer one still never ends.
func startBatcher(in <-chan int) {
	go func() { // want "goroutine-without-exit"
		for {
		batch:
			for i := 0; i < 10; i++ {
				if <-in < 0 {
					break batch
				}
			}
		}
	}()
}

// Deferred cleanup after an endless loop never runs.
func startPoller(wg *sync.WaitGroup, poll func()) {
	wg.Add(1)
	go func() { // want "goroutine-without-exit"
		defer wg.Done()
		for ; ; {
			poll()
			time.Sleep(time.Second)
		}
	}()
}

// A return inside a nested func literal returns from that literal, not from the goroutine.
func startRetrier(do func(func() error)) {
	go func() { // want "goroutine-without-exit"
		for {
			do(func() error {
				return nil
			})
		}
	}()
}

type Reporter struct {
	interval time.Duration
	flush    func()
}

// A method that starts a background loop on its receiver with no way to stop it.
func (r *Reporter) Start() {
	go func() { // want "goroutine-without-exit"
		ticker := time.NewTicker(r.interval)
		for {
			<-ticker.C
			r.flush()
		}
	}()
}
