package workers

import (
	"context"
	"log"
	"os"
	"runtime"
	"time"
)

// A select case on ctx.Done that returns: the usual way to stop a worker.
func stopsOnContext(ctx context.Context, jobs <-chan Job) {
	go func() {
		for {
			select {
			case <-ctx.Done():
				return
			case job := <-jobs:
				handle(job)
			}
		}
	}()
}

// A quit channel whose case returns.
func stopsOnQuit(quit <-chan struct{}, tick <-chan time.Time) {
	go func() {
		for {
			select {
			case <-quit:
				return
			case <-tick:
				log.Println("tick")
			}
		}
	}()
}

// Ranging over a channel ends when the channel is closed.
func rangesOverChannel(jobs <-chan Job) {
	go func() {
		for job := range jobs {
			handle(job)
		}
	}()
}

// Ranging over a ticker's channel is a range loop too (stopping the ticker is another matter).
func rangesOverTicker(t *time.Ticker) {
	go func() {
		for range t.C {
			log.Println("tick")
		}
	}()
}

// A labelled break from inside a select leaves the loop itself.
func breaksOutWithLabel(ctx context.Context, in <-chan int) {
	go func() {
	loop:
		for {
			select {
			case <-ctx.Done():
				break loop
			case v := <-in:
				log.Println(v)
			}
		}
		log.Println("stopped")
	}()
}

// A bare break directly in the loop body ends the loop.
func breaksWhenClosed(in <-chan int) {
	go func() {
		for {
			v, ok := <-in
			if !ok {
				break
			}
			log.Println(v)
		}
	}()
}

// Returning when the channel is closed.
func returnsWhenClosed(in <-chan int) {
	go func() {
		for {
			v, ok := <-in
			if !ok {
				return
			}
			log.Println(v)
		}
	}()
}

// A loop with a condition is not endless by construction.
func loopsWhileRunning(running func() bool) {
	go func() {
		for running() {
			time.Sleep(time.Millisecond)
		}
	}()
}

// A named function started with go: its body is elsewhere and is not followed.
func startsNamedWorker(jobs chan Job) {
	go consume(jobs)
}

func consume(jobs chan Job) {
	for job := range jobs {
		handle(job)
	}
}

// goto leaves the loop.
func leavesWithGoto(in <-chan int) {
	go func() {
		for {
			if <-in < 0 {
				goto done
			}
		}
	done:
		log.Println("done")
	}()
}

// runtime.Goexit ends the goroutine.
func endsWithGoexit(in <-chan int) {
	go func() {
		for {
			if <-in < 0 {
				runtime.Goexit()
			}
		}
	}()
}

// Paths that end the process (os.Exit, log.Fatal, panic) count as exits: the goroutine lives
// exactly as long as the program, by design.
func exitsTheProcess(accept func() error) {
	go func() {
		for {
			if err := accept(); err != nil {
				log.Fatalf("accept: %v", err)
			}
		}
	}()
	go func() {
		for {
			if err := accept(); err != nil {
				os.Exit(1)
			}
		}
	}()
	go func() {
		for {
			if err := accept(); err != nil {
				panic(err)
			}
		}
	}()
}

// The endless loop is not the goroutine's last statement: the return after it is reached only
// through the break, which is an exit.
func loopThenCleanup(in <-chan int) {
	go func() {
		for {
			if <-in == 0 {
				break
			}
		}
		log.Println("drained")
	}()
}
