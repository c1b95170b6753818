package legacy

import (
	"context"
	"fmt"
	"os"
	"sync"

	eg "golang.org/x/sync/errgroup"
)

type Job struct{ ID int }

type Runner struct {
	wg    sync.WaitGroup
	group *eg.Group
}

func process(j Job) error { return nil }

func rangeValue(jobs []Job) {
	var wg sync.WaitGroup
	for _, job := range jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_ = process(job) // want "goroutine-loop-var"
		}()
	}
	wg.Wait()
}

func rangeKeyAndValue(m map[string]Job) {
	for name, job := range m {
		go func() {
			fmt.Println(name, job.ID) // want "goroutine-loop-var" "goroutine-loop-var"
		}()
	}
}

func counter(jobs []Job) {
	for i := 0; i < len(jobs); i++ {
		go func() {
			_ = process(jobs[i]) // want "goroutine-loop-var"
		}()
	}
}

// Two goroutines reading the same variable: one copy at the top of the body serves both.
func twoGoroutines(jobs []Job, results chan<- error) {
	for _, job := range jobs {
		fmt.Println("start", job.ID)
		go func() { results <- process(job) }() // want "goroutine-loop-var"
		go func() {
			fmt.Println("queued", job.ID) // want "goroutine-loop-var"
		}()
	}
}

// The goroutine sits in an if inside the loop, followed only by a counter update.
func nested(jobs []Job) int {
	started := 0
	for _, job := range jobs {
		if job.ID > 0 {
			go func() {
				_ = process(job) // want "goroutine-loop-var"
			}()
		}
		started++
	}
	return started
}

// The outer variable of two nested loops.
func outerVariable(batches [][]Job) {
	for b, batch := range batches {
		for _, job := range batch {
			go func() {
				fmt.Println(b, job.ID) // want "goroutine-loop-var" "goroutine-loop-var"
			}()
		}
	}
}

func withErrgroup(ctx context.Context, jobs []Job) error {
	g, ctx := eg.WithContext(ctx)
	for _, job := range jobs {
		g.Go(func() error {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			return process(job) // want "goroutine-loop-var"
		})
	}
	return g.Wait()
}

func (r *Runner) fieldGroup(jobs []Job) error {
	for _, job := range jobs {
		r.group.Go(func() error {
			return process(job) // want "goroutine-loop-var"
		})
	}
	return r.group.Wait()
}

func plainGroup(jobs []Job) error {
	var g eg.Group
	for _, job := range jobs {
		g.Go(func() error { return process(job) }) // want "goroutine-loop-var"
	}
	return g.Wait()
}

// Every deferred call runs when the function returns, with the last file.
func deferred(paths []string) {
	for _, path := range paths {
		f, err := os.Open(path)
		if err != nil {
			continue
		}
		defer func() {
			fmt.Println("closing", path) // want "goroutine-loop-var"
			f.Close()
		}()
	}
}

// The goroutine is started from a method and captures through a method call.
func (r *Runner) method(jobs []*Job) {
	for _, job := range jobs {
		r.wg.Add(1)
		go func() {
			defer r.wg.Done()
			job.ID++ // want "goroutine-loop-var"
		}()
	}
	r.wg.Wait()
}

// The counter is changed in the body: the copy would not carry the change back, so no fix.
func skipping(jobs []Job) {
	for i := 0; i < len(jobs); i++ {
		if jobs[i].ID == 0 {
			i++
			continue
		}
		go func() {
			fmt.Println(i) // want "goroutine-loop-var"
		}()
	}
}
