package stats

import (
	"fmt"
	"net/http"
	"sync"
)

// One goroutine per item, all adding to the same int: no atomic rewrite without changing its type.
func sumAll(items []int) int {
	total := 0
	var wg sync.WaitGroup
	for _, item := range items {
		wg.Add(1)
		go func() {
			defer wg.Done()
			total += item // want "shared-counter-race"
		}()
	}
	wg.Wait()
	return total
}

// An int64 counter: the fix rewrites the increment with sync/atomic.
func countErrors(checks []func() error) int64 {
	var failed int64
	var wg sync.WaitGroup
	for _, check := range checks {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if check() != nil {
				failed++ // want "shared-counter-race"
			}
		}()
	}
	wg.Wait()
	return failed
}

// Unsigned decrement and a subtraction of an expression.
func drain(jobs []int, a, b int64) {
	var pending uint64 = uint64(len(jobs))
	var budget int64 = 1000
	for range jobs {
		go func() {
			pending-- // want "shared-counter-race"
		}()
		go func() {
			budget -= a + b // want "shared-counter-race"
		}()
	}
}

var requests int64

// A package variable updated from a goroutine started by a handler: every request adds a writer.
func handle(w http.ResponseWriter, r *http.Request) {
	go func() {
		requests++ // want "shared-counter-race"
	}()
	w.WriteHeader(http.StatusAccepted)
}

type Server struct {
	hits   int
	errors int32
	bytes  int64
}

// Fields of a pointer receiver are shared with every caller of the method.
func (s *Server) record(n int, failed bool) {
	go func() {
		s.hits++ // want "shared-counter-race"
		if failed {
			s.errors += 2 // want "shared-counter-race"
		}
		s.bytes += int64(n) // want "shared-counter-race"
	}()
}

// Two goroutines update the same local.
func twoWriters() int {
	done := make(chan bool)
	count := 0
	go func() {
		count++ // want "shared-counter-race"
		done <- true
	}()
	go func() {
		count-- // want "shared-counter-race"
		done <- true
	}()
	<-done
	<-done
	return count
}

// The function reads the counter while the goroutine may still be running.
func readsTooEarly() {
	var ticks int32
	go func() {
		for i := 0; i < 10; i++ {
			ticks++ // want "shared-counter-race"
		}
	}()
	fmt.Println(ticks)
}

type tally struct{ n int64 }

// A field of a local struct, one goroutine per iteration.
func tallyAll(items []string) tally {
	var t tally
	var wg sync.WaitGroup
	for range items {
		wg.Add(1)
		go func() {
			defer wg.Done()
			t.n++ // want "shared-counter-race"
		}()
	}
	wg.Wait()
	return t
}
