package stats

import (
	"sync"
	"sync/atomic"
)

// Atomic updates.
func atomicCounters(items []int) int64 {
	var sum int64
	var count atomic.Int64
	var wg sync.WaitGroup
	for _, item := range items {
		wg.Add(1)
		go func() {
			defer wg.Done()
			atomic.AddInt64(&sum, int64(item))
			count.Add(1)
		}()
	}
	wg.Wait()
	return sum + count.Load()
}

// A mutex held around the update (RLock as well as Lock counts).
func lockedCounter(items []int) int {
	var mu sync.Mutex
	total := 0
	var wg sync.WaitGroup
	for _, item := range items {
		wg.Add(1)
		go func() {
			defer wg.Done()
			mu.Lock()
			defer mu.Unlock()
			total += item
		}()
	}
	wg.Wait()
	return total
}

type guarded struct {
	sync.RWMutex
	reads int
}

func (g *guarded) read() {
	go func() {
		g.RLock()
		g.reads++ // a read lock does not exclude other readers, but any lock is taken as intent
		g.RUnlock()
	}()
}

// Results sent over a channel and summed by one goroutine.
func viaChannel(items []int) int {
	results := make(chan int)
	for _, item := range items {
		go func() { results <- item * 2 }()
	}
	total := 0
	for range items {
		total += <-results
	}
	return total
}

// Counters declared inside the goroutine, and the loop variable of a range inside it.
func ownCounters(items []int) {
	go func() {
		n := 0
		for i := range items {
			n += i
			i++
		}
		_ = n
	}()
}

type meter struct{ n int }

func (m *meter) incr() { m.n++ }

// The update happens in a method the goroutine calls: the rule sees only the literal.
func (m *meter) start() {
	go func() { m.incr() }()
}

// One goroutine, and the function waits for it before reading.
func singleThenWait() int {
	var wg sync.WaitGroup
	count := 0
	wg.Add(1)
	go func() {
		defer wg.Done()
		count += 10
	}()
	wg.Wait()
	return count
}

// Goroutines started and awaited one at a time inside the loop.
func sequential(items []int) int {
	total := 0
	var wg sync.WaitGroup
	for _, item := range items {
		wg.Add(1)
		go func() {
			defer wg.Done()
			total += item
		}()
		wg.Wait()
	}
	return total
}

type snapshot struct{ n int }

// A value receiver: the method works on its own copy and starts a single goroutine.
func (s snapshot) bump() {
	go func() { s.n++ }()
}

// The function drains a channel the goroutine closes before it reads the total.
func drainedThenRead(items []int) int {
	out := make(chan int)
	sum := 0
	go func() {
		for _, item := range items {
			sum += item
			out <- item
		}
		close(out)
	}()
	for range out {
	}
	return sum
}
