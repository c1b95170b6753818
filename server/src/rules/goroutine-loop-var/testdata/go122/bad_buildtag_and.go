//go:build linux && go1.20

// Both tags must hold, so the file needs go1.20: it keeps the old loop variables too.
package modern

import "fmt"

func printEach(ids []int) {
	for i := 0; i < len(ids); i++ {
		defer func() {
			fmt.Println(ids[i]) // want "goroutine-loop-var"
		}()
	}
}
