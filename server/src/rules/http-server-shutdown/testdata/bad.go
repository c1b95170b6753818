package main

import (
	"log"
	"net"
	"net/http"
	"os"
	"time"
)

func main() {
	mux := http.NewServeMux()
	srv := &http.Server{
		Addr:              ":8080",
		Handler:           mux,
		ReadHeaderTimeout: 2 * time.Second,
	}
	go runAdmin()
	// The deploy script stops us with SIGKILL; srv.Shutdown(ctx) is never called.
	if err := srv.ListenAndServe(); err != nil { // want "http-server-shutdown"
		log.Println(err)
		os.Exit(1)
	}
}

// A server built by a constructor of this package: its type comes from the index.
func newAdminServer() *http.Server {
	return &http.Server{Addr: ":9000", ReadHeaderTimeout: time.Second}
}

func runAdmin() {
	admin := newAdminServer()
	log.Println(admin.ListenAndServeTLS("admin.crt", "admin.key")) // want "http-server-shutdown"
}

// A server held in a field, started on a listener we opened.
type app struct {
	server *http.Server
}

func (a *app) serve(l net.Listener) error {
	return a.server.Serve(l) // want "http-server-shutdown"
}

// The package-level helper: there is no server value to shut down at all.
func legacy(h http.Handler) {
	go func() {
		log.Fatal(http.ListenAndServe(":8081", h)) // want "http-server-shutdown"
	}()
}

// A value, not a pointer, started inline.
func inline(h http.Handler) error {
	return (&http.Server{Addr: ":8082", Handler: h, ReadHeaderTimeout: time.Second}).ListenAndServe() // want "http-server-shutdown"
}
