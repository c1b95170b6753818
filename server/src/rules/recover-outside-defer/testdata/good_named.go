package jobs

import (
	"fmt"
	"log"
)

// A helper with a result, deferred in another file of the package (good_named_use.go): recover
// works there, and the result is simply dropped.
func reportPanic() (recovered bool) {
	if r := recover(); r != nil {
		log.Printf("recovered: %v", r)
		return true
	}
	return false
}

type pool struct{ panics int }

// A method with a result, deferred through its receiver.
func (p *pool) absorb() error {
	if r := recover(); r != nil {
		p.panics++
		return fmt.Errorf("pool: %v", r)
	}
	return nil
}
