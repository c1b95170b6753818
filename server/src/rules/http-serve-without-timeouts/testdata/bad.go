package main

import (
	"log"
	"net"
	"net/http"
)

func main() {
	mux := http.NewServeMux()
	mux.HandleFunc("/healthz", healthz)
	mux.HandleFunc("/items", items)
	go serveMetrics()
	log.Fatal(http.ListenAndServe(":8080", mux)) // want "http-serve-without-timeouts"
}

func healthz(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusOK) }

func items(w http.ResponseWriter, r *http.Request) {}

// A nil handler means http.DefaultServeMux: the fix leaves Handler out.
func serveMetrics() {
	if err := http.ListenAndServe(":9090", nil); err != nil { // want "http-serve-without-timeouts"
		log.Printf("metrics: %v", err)
	}
}

// Serve on a listener we opened ourselves: the listener stays the method's argument.
func serveOn(l net.Listener, h http.Handler) error {
	return http.Serve(l, h) // want "http-serve-without-timeouts"
}

func serveErrors(addr string, h http.Handler, errs chan<- error) {
	errs <- http.ListenAndServe(addr, h) // want "http-serve-without-timeouts"
}

// A handler written inline over several lines: flagged, but no automatic rewrite.
func inlineHandler() {
	err := http.ListenAndServe(":8081", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { // want "http-serve-without-timeouts"
		w.WriteHeader(http.StatusNoContent)
	}))
	log.Println(err)
}

// Inside a one-line func literal: flagged, rewritten by hand.
func oneLiner(h http.Handler) {
	go func() { log.Println(http.ListenAndServe(":8082", h)) }() // want "http-serve-without-timeouts"
}
