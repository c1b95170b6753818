package main

import "fmt"

var processed int

// In main, a package variable is updated by a single goroutine and read after it signals.
func main() {
	done := make(chan struct{})
	go func() {
		processed++
		close(done)
	}()
	<-done
	fmt.Println(processed)
}
