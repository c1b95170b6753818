// +build go1.21

// Go takes a file's version from a //go:build line only; an old +build line sets none.
package modern

import "fmt"

func printPlus(names []string) {
	for _, name := range names {
		go func() {
			fmt.Println(name)
		}()
	}
}
