package jobs

import "log"

// The idiom: recover called directly by a deferred function literal.
func Safe(job func()) {
	defer func() {
		if r := recover(); r != nil {
			log.Printf("recovered: %v", r)
		}
	}()
	job()
}

// A goroutine that defers its own recovering closure.
func SafeSpawn(job func()) {
	go func() {
		defer func() {
			if r := recover(); r != nil {
				log.Printf("job panicked: %v", r)
			}
		}()
		job()
	}()
}

// A named function that calls recover: it works when deferred (`defer handlePanic()`), and the
// rule cannot see every caller.
func handlePanic() {
	if r := recover(); r != nil {
		log.Printf("recovered: %v", r)
	}
}

func UsesHelper(job func()) {
	defer handlePanic()
	job()
}

// A literal stored in a variable and deferred later.
func Stored(job func()) {
	onPanic := func() {
		if r := recover(); r != nil {
			log.Print(r)
		}
	}
	defer onPanic()
	job()
}

// A literal passed to a helper that may defer it.
func protect(handler func()) func(func()) {
	return func(job func()) {
		defer handler()
		job()
	}
}

var guarded = protect(func() {
	if r := recover(); r != nil {
		log.Print(r)
	}
})

// A method called recover is not the builtin.
type breaker struct{}

func (breaker) recover() bool { return true }

func reset(b breaker) bool {
	return b.recover()
}
