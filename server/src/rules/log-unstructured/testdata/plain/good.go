package plain

import "log"

// No structured logger anywhere in this package: the standard logger is the package's choice.
func Start() {
	log.Printf("starting")
}
