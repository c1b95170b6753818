//go:build go1.21

// This file asks for Go 1.21, so Go compiles it with one variable per loop even though the
// module says go 1.22.
package modern

import "fmt"

func printAll(names []string) {
	for _, name := range names {
		go func() {
			fmt.Println(name) // want "goroutine-loop-var"
		}()
	}
}
