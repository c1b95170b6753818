package orders

import (
	"fmt"
	"log"
)

type Order struct{ ID int64 }

// The package logs through zap (logger.go); these calls bypass it.
func Save(o Order) error {
	log.Printf("saving order %d", o.ID) // want "log-unstructured"
	if o.ID == 0 {
		log.Println("order without id")       // want "log-unstructured"
		fmt.Printf("order %+v rejected\n", o) // want "log-unstructured"
		return fmt.Errorf("order without id")
	}
	fmt.Println("saved", o.ID) // want "log-unstructured"
	logger.Info("order saved")
	return nil
}

// log.Fatal in a library is flagged too: it logs without fields, then exits.
func MustLoad(path string) Order {
	if path == "" {
		log.Fatalf("no order file") // want "log-unstructured"
	}
	return Order{}
}
