package health

import "sync"

func countFailures(checks []func() error) int64 {
	var failed int64
	var wg sync.WaitGroup
	for _, check := range checks {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if check() != nil {
				failed++
			}
		}()
	}
	wg.Wait()
	return failed
}
