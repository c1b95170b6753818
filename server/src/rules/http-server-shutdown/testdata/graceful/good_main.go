package main

import (
	"errors"
	"log"
	"net/http"
	"time"
)

var srv = &http.Server{Addr: ":8080", ReadHeaderTimeout: 2 * time.Second}

// The server is started here and shut down from another file of the package.
func main() {
	go waitForSignal()
	if err := srv.ListenAndServe(); !errors.Is(err, http.ErrServerClosed) {
		log.Fatal(err)
	}
	<-drained
}
