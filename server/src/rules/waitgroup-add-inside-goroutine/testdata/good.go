package workers

import (
	"sync"
)

type counter struct{}

func (counter) Add(n int) {}
func (counter) Done()     {}

func startWorker(wg *sync.WaitGroup, t Task) {}

// The usual form: Add before the go statement.
func addBefore(tasks []Task) {
	var wg sync.WaitGroup
	for _, t := range tasks {
		wg.Add(1)
		go func(t Task) {
			defer wg.Done()
			run(t)
		}(t)
	}
	wg.Wait()
}

// A dispatcher goroutine adds for the goroutines it starts itself.
func dispatcher(tasks []Task) {
	var wg sync.WaitGroup
	done := make(chan struct{})
	go func() {
		defer close(done)
		for _, t := range tasks {
			wg.Add(1)
			go func(t Task) {
				defer wg.Done()
				run(t)
			}(t)
		}
		wg.Wait()
	}()
	<-done
}

// Add for a nested goroutine at the top of the outer goroutine.
func addForInner(t Task) {
	var wg sync.WaitGroup
	go func() {
		wg.Add(1)
		go func() {
			defer wg.Done()
			run(t)
		}()
	}()
}

// The group is handed to a helper that starts the work the Add counts.
func handedToHelper(t Task) {
	var wg sync.WaitGroup
	go func() {
		wg.Add(1)
		startWorker(&wg, t)
	}()
}

// An Add method on a type that is not sync.WaitGroup.
func otherAdd() {
	var c counter
	go func() {
		c.Add(1)
		defer c.Done()
	}()
}

// A group local to the goroutine counts work inside it.
func localGroup(tasks []Task) {
	go func() {
		var wg sync.WaitGroup
		wg.Add(1)
		defer wg.Done()
	}()
}

// Add in a consumer loop: the goroutine tracks items in flight, not itself.
func inFlight(wg *sync.WaitGroup, in <-chan Task) {
	go func() {
		for t := range in {
			wg.Add(1)
			run(t)
			wg.Done()
		}
	}()
}

// The goroutine never calls Done on the group: the Add counts something else.
func noDone(wg *sync.WaitGroup, results chan<- int) {
	go func() {
		wg.Add(1)
		results <- 1
	}()
}
