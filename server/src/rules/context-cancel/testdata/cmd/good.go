package main

import (
	"context"
	"os"
	"time"
)

func run(ctx context.Context) error { return ctx.Err() }

// Returning from main.main ends the process: the context dies with it.
func main() {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	if len(os.Args) > 1 {
		return
	}
	if err := run(ctx); err != nil {
		os.Exit(1)
	}
	cancel()
}
