package pprofonly

import (
	"log"
	"net/http"
	_ "net/http/pprof"
)

// Only the pprof import in view: routes registered on http.DefaultServeMux by other files or
// packages would be unseen.
func StartProfiling() {
	log.Println(http.ListenAndServe(":6060", http.DefaultServeMux)) // want "http-serve-without-timeouts"
}
