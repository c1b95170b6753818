package servers

import (
	"log"
	"net/http"
	"net/http/pprof"
	"time"
)

// An ops port with a header deadline: enough there, and a WriteTimeout would cut off pprof's
// /debug/pprof/profile and /debug/pprof/trace, which stream for as many seconds as asked.
func profilingServer() {
	mux := http.NewServeMux()
	mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
	mux.HandleFunc("/debug/pprof/trace", pprof.Trace)
	mux.HandleFunc("/readyz", func(w http.ResponseWriter, r *http.Request) {})
	srv := &http.Server{Addr: ":6060", Handler: mux, ReadHeaderTimeout: 2 * time.Second}
	log.Println(srv.ListenAndServe())
}
