package fanout

import (
	"net/http"
	"sync"
)

func warm(id int64) error { return nil }

// In a handler: a semaphore would make the reply wait for earlier goroutines, so no fix.
func WarmAll(w http.ResponseWriter, r *http.Request, users []User) {
	for _, u := range users {
		go warm(u.ID) // want "goroutine-in-loop"
	}
	w.WriteHeader(http.StatusAccepted)
}

// Results go to an unbuffered channel read after the loop: with a semaphore the loop would
// stop at the limit while the goroutines wait for the reader, so no fix.
func warmAndCollect(users []User) []error {
	errs := make(chan error)
	for _, u := range users {
		go func() { // want "goroutine-in-loop:information"
			errs <- warm(u.ID)
		}()
	}
	var out []error
	for range users {
		out = append(out, <-errs)
	}
	return out
}

// The goroutine takes a lock the function holds until after the loop, so no fix.
func warmLocked(mu *sync.Mutex, users []User) {
	mu.Lock()
	defer mu.Unlock()
	for _, u := range users {
		go func() { // want "goroutine-in-loop:information"
			mu.Lock()
			defer mu.Unlock()
			_ = warm(u.ID)
		}()
	}
}

// A channel handed to the goroutine's function: it may send on it, so no fix.
func warmInto(users []User, done chan<- int64) {
	results := make(chan int64)
	for _, u := range users {
		go report(u.ID, results) // want "goroutine-in-loop:information"
	}
	for range users {
		done <- <-results
	}
}

func report(id int64, into chan<- int64) { into <- id }
