//go:build go1.21 || linux

// `linux` alone satisfies the constraint, so it implies no Go version: the module's go 1.22 holds.
package modern

import "fmt"

func printOr(names []string) {
	for _, name := range names {
		go func() {
			fmt.Println(name)
		}()
	}
}
