//go:build go1.22

// This file asks for Go 1.22 in a go 1.21 module: it gets a variable per iteration.
package legacy

import "fmt"

func printUpgraded(names []string) {
	for _, name := range names {
		go func() {
			fmt.Println(name)
		}()
	}
}
