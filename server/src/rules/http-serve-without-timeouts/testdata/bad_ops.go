package main

import (
	"log"
	"net/http"
	"net/http/pprof"

	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// An ops port: health, metrics and pprof only. The fix sets ReadHeaderTimeout alone, since a
// WriteTimeout would cut off /debug/pprof/profile and /debug/pprof/trace.
func serveOps() {
	mux := http.NewServeMux()
	mux.HandleFunc("/healthz", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusOK) })
	mux.Handle("/metrics", promhttp.Handler())
	mux.HandleFunc("/debug/pprof/", pprof.Index)
	mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
	mux.HandleFunc("/debug/pprof/trace", pprof.Trace)
	log.Println(http.ListenAndServe(":6060", mux)) // want "http-serve-without-timeouts:information"
}

// Metrics on a configured path: the handler says what the route is.
func serveMetricsAt(path string) {
	mux := http.NewServeMux()
	mux.Handle(path, promhttp.Handler())
	mux.HandleFunc(path+"/raw", promhttp.Handler().ServeHTTP)
	log.Println(http.ListenAndServe(":9100", mux)) // want "http-serve-without-timeouts:information"
}

// The metrics handler served on its own.
func serveMetricsOnly() {
	log.Println(http.ListenAndServe(":9101", promhttp.Handler())) // want "http-serve-without-timeouts:information"
}

// Metrics next to an API route: clients reach this server, so it is a warning.
func serveMixed() {
	mux := http.NewServeMux()
	mux.Handle("/metrics", promhttp.Handler())
	mux.HandleFunc("/api/orders", orders)
	log.Println(http.ListenAndServe(":8080", mux)) // want "http-serve-without-timeouts"
}

// A mux handed to other code may get any route.
func serveRegistered() {
	mux := http.NewServeMux()
	mux.Handle("/metrics", promhttp.Handler())
	registerAPI(mux)
	log.Println(http.ListenAndServe(":8081", mux)) // want "http-serve-without-timeouts"
}

// A route on a path held in a variable, with a handler of our own: nothing says it is a probe.
func serveUnknownPath(path string) {
	mux := http.NewServeMux()
	mux.HandleFunc("/healthz", orders)
	mux.HandleFunc(path, orders)
	log.Println(http.ListenAndServe(":8082", mux)) // want "http-serve-without-timeouts"
}

// A mux from a parameter: its routes are out of sight.
func serveGiven(mux *http.ServeMux) {
	log.Println(http.ListenAndServe(":8083", mux)) // want "http-serve-without-timeouts"
}

// A wrapped mux is another handler.
func serveWrapped() {
	mux := http.NewServeMux()
	mux.Handle("/metrics", promhttp.Handler())
	log.Println(http.ListenAndServe(":8084", http.TimeoutHandler(mux, 0, ""))) // want "http-serve-without-timeouts"
}

func orders(w http.ResponseWriter, r *http.Request) {}

func registerAPI(mux *http.ServeMux) { mux.HandleFunc("/api/users", orders) }
