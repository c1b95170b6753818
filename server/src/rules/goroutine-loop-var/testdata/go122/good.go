package modern

import "fmt"

// From Go 1.22 every iteration has its own variable: nothing to report.
func perIteration(names []string) {
	for _, name := range names {
		go func() {
			fmt.Println(name)
		}()
	}
	for i := 0; i < len(names); i++ {
		defer func() { fmt.Println(i) }()
	}
}
