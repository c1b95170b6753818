package main

import (
	"log"
	"net/http"
	"time"
)

// The program bounds http.DefaultClient itself: its helpers are no longer unbounded.
func main() {
	http.DefaultClient.Timeout = 10 * time.Second
	resp, err := http.Get("https://example.com/healthz")
	if err != nil {
		log.Fatal(err)
	}
	resp.Body.Close()
}
