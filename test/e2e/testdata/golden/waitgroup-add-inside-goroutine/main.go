package orders

import "sync"

type Order struct{ ID int64 }

// processAll handles the orders with a fixed number of workers.
func processAll(orders <-chan Order, workers int) {
	var wg sync.WaitGroup
	for i := 0; i < workers; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for o := range orders {
				process(o)
			}
		}()
	}
	wg.Wait()
}

func process(o Order) {}
