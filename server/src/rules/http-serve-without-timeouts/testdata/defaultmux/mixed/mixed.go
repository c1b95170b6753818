package mixed

import (
	"log"
	"net/http"

	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// http.DefaultServeMux gets an API route in this file too.
func Start() {
	http.Handle("/metrics", promhttp.Handler())
	http.HandleFunc("/api/orders", func(w http.ResponseWriter, r *http.Request) {})
	log.Println(http.ListenAndServe(":8080", nil)) // want "http-serve-without-timeouts"
}
