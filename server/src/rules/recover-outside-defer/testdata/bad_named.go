package jobs

import "fmt"

// A named function with results calls recover directly, and nothing in the package defers it:
// called as an ordinary function, recover returns nil and the panic goes on.
func safeDivide(a, b int) (q int, err error) {
	if r := recover(); r != nil { // want "recover-outside-defer"
		err = fmt.Errorf("divide: %v", r)
	}
	return a / b, nil
}

type batch struct{ failed int }

// The same in a method.
func (b *batch) settle() error {
	r := recover() // want "recover-outside-defer"
	if r != nil {
		b.failed++
		return fmt.Errorf("batch: %v", r)
	}
	return nil
}
