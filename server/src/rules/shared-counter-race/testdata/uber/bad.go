package stats

import (
	"sync"

	"go.uber.org/atomic"
)

var started = atomic.NewInt64(0)

var finished int64

// `atomic` is go.uber.org/atomic here: the fix imports sync/atomic under another name.
func runAll(jobs []func()) {
	var wg sync.WaitGroup
	for _, job := range jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			started.Inc()
			job()
			finished++ // want "shared-counter-race"
		}()
	}
	wg.Wait()
}
