package main

import "sync"

func notify(users <-chan string, send func(string)) {
	var wg sync.WaitGroup
	sem := make(chan struct{}, 16) // at most 16 goroutines at once; tune to the workload
	for _, u := range users {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem }()
			defer wg.Done()
			send(u)
		}()
	}
	wg.Wait()
}
