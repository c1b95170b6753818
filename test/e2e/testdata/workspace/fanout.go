package main

import "sync"

func notify(users <-chan string, send func(string)) {
	var wg sync.WaitGroup
	for _, u := range users {
		wg.Add(1)
		go func() {
			defer wg.Done()
			send(u)
		}()
	}
	wg.Wait()
}
