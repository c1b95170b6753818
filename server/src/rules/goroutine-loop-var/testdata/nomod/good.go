package nomod

import "fmt"

// Without a go.mod the Go version is unknown: assume a modern module and stay silent.
func unknownVersion(names []string) {
	for _, name := range names {
		go func() {
			fmt.Println(name)
		}()
	}
}
