package jobs

import (
	"log"
	"net/http"
)

// Deferring recover itself does not recover: no deferred function calls it.
func Run(job func()) {
	defer recover() // want "recover-outside-defer"
	job()
}

// The goroutine's function is not deferred: recover returns nil there.
func Spawn(job func()) {
	go func() {
		if r := recover(); r != nil { // want "recover-outside-defer"
			log.Printf("job panicked: %v", r)
		}
		job()
	}()
}

// A closure inside the deferred function calls recover: one level too deep.
func Guard(w http.ResponseWriter, job func()) {
	defer func() {
		report := func() {
			if r := recover(); r != nil { // want "recover-outside-defer"
				http.Error(w, "internal error", http.StatusInternalServerError)
			}
		}
		report()
	}()
	job()
}

// A function literal called on the spot, before the work even starts.
func Check(job func()) (err error) {
	func() {
		if r := recover(); r != nil { // want "recover-outside-defer"
			log.Print(r)
		}
	}()
	job()
	return nil
}
