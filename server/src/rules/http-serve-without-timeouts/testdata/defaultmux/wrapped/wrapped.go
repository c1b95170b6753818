package wrapped

import (
	"log"
	"net/http"

	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// http.DefaultServeMux handed to other code, which may register any route on it.
func Start(register func(*http.ServeMux)) {
	http.Handle("/metrics", promhttp.Handler())
	register(http.DefaultServeMux)
	log.Println(http.ListenAndServe(":9100", nil)) // want "http-serve-without-timeouts"
}
