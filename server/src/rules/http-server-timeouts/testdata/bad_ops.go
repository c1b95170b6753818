package servers

import (
	"log"
	"net/http"
	"net/http/pprof"

	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// An ops port (metrics and pprof only) without a read timeout: information, and the fix adds
// ReadHeaderTimeout alone, since a WriteTimeout would cut off pprof's profiles and traces.
func opsServer() {
	mux := http.NewServeMux()
	mux.Handle("/metrics", promhttp.Handler())
	mux.HandleFunc("/debug/pprof/", pprof.Index)
	mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
	mux.Handle("/debug/pprof/heap", pprof.Handler("heap"))
	srv := &http.Server{Addr: ":6060", Handler: mux} // want "http-server-timeouts:information"
	log.Println(srv.ListenAndServe())
}

// The metrics handler itself, served inline.
func metricsServer() {
	log.Println((&http.Server{ // want "http-server-timeouts:information"
		Addr:    ":9100",
		Handler: promhttp.HandlerFor(nil, promhttp.HandlerOpts{}),
	}).ListenAndServe())
}

// Metrics next to an API route: a warning, as for any server clients reach.
func mixedServer() {
	mux := http.NewServeMux()
	mux.Handle("/metrics", promhttp.Handler())
	mux.HandleFunc("/v1/orders", func(w http.ResponseWriter, r *http.Request) {})
	srv := &http.Server{Addr: ":8080", Handler: mux} // want "http-server-timeouts"
	log.Println(srv.ListenAndServe())
}

// The handler is replaced after the literal: what the server serves is out of sight.
func handlerSetLater(api http.Handler) {
	srv := &http.Server{Addr: ":8080"} // want "http-server-timeouts"
	http.Handle("/metrics", promhttp.Handler())
	srv.Handler = api
	log.Println(srv.ListenAndServe())
}
