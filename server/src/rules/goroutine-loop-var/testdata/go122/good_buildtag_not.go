//go:build !go1.22

// A negated version tag implies no version either: the module's go 1.22 holds.
package modern

import "fmt"

func printNot(names []string) {
	for _, name := range names {
		go func() {
			fmt.Println(name)
		}()
	}
}
