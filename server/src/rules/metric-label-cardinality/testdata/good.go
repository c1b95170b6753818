package metrics

import (
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"
	"github.com/gorilla/mux"
	prom "github.com/prometheus/client_golang/prometheus"
)

const serviceName = "orders"

var byRoute = prom.NewCounterVec(prom.CounterOpts{Name: "route_requests_total"}, []string{"route", "method", "code"})

// The route template (gin's FullPath), the method and the status code are bounded.
func ginRoutes(c *gin.Context) {
	c.Next()
	byRoute.WithLabelValues(c.FullPath(), c.Request.Method, strconv.Itoa(c.Writer.Status())).Inc()
}

// mux's route template.
func muxRoutes(w http.ResponseWriter, r *http.Request) {
	route := mux.CurrentRoute(r)
	template, _ := route.GetPathTemplate()
	byRoute.WithLabelValues(template, r.Method, "200").Inc()
}

// Constants and a local variable holding a constant.
func constants() {
	outcome := "ok"
	byRoute.With(prom.Labels{"route": serviceName, "method": "GET", "code": outcome}).Inc()
}

// A path that is normalised before use: reassigned to a bounded value.
func normalised(r *http.Request) {
	path := r.URL.Path
	if len(path) > 0 {
		path = "other"
	}
	byRoute.WithLabelValues(path, r.Method, "200").Inc()
}

// Bounded ids: a shard number and a worker id are not per-user or per-request.
func shards(shardID, workerID int) {
	byRoute.WithLabelValues(strconv.Itoa(shardID), strconv.Itoa(workerID), "200").Inc()
}

// An error mapped to a small set of kinds.
func failureKind(err error) {
	kind := "other"
	if err == nil {
		kind = "none"
	}
	byRoute.WithLabelValues("job", kind, "500").Inc()
}

// A With method of another type, taking a plain map rather than prometheus.Labels.
type table struct{}

func (table) With(fields map[string]string) table { return table{} }

func notMetrics(r *http.Request) {
	table{}.With(map[string]string{"path": r.URL.Path})
}
