package main

import (
	"fmt"
	"log"
	"os"

	"go.uber.org/zap"
)

func main() {
	logger, err := zap.NewProduction()
	if err != nil {
		// The structured logger could not be built: log.Fatal is the only way to say so.
		log.Fatalf("building logger: %v", err)
	}
	defer logger.Sync()
	// A command's output to the terminal is not logging.
	fmt.Println("orders-cli 1.0")
	if len(os.Args) < 2 {
		log.Printf("no command given") // want "log-unstructured"
	}
}
