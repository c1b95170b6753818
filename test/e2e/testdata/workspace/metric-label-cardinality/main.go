package metrics

import (
	"net/http"

	"github.com/prometheus/client_golang/prometheus"
)

var requests = prometheus.NewCounterVec(prometheus.CounterOpts{Name: "http_requests_total"}, []string{"path"})

func count(r *http.Request) {
	requests.WithLabelValues(r.URL.Path).Inc()
}
