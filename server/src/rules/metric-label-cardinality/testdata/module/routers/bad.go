package routers

import (
	"net/http"
	"strings"

	"example.com/shop/metrics"
	"github.com/beego/beego/v2/server/web"
	"github.com/beego/beego/v2/server/web/context"
)

// The vec is another package's variable; this file imports no Prometheus package.
func Observe(r *http.Request, ms float64) {
	metrics.APILatency.WithLabelValues(r.URL.Path, r.Method).Observe(ms) // want "metric-label-cardinality"
}

// beego's Input.URL() and Input.URI() are the raw request path.
func Filter(ctx *context.Context) {
	path := ctx.Input.URL()
	if strings.HasPrefix(path, "/api") {
		metrics.APILatency.WithLabelValues(path, ctx.Input.Method()).Observe(1) // want "metric-label-cardinality"
	}
}

type APIController struct{ web.Controller }

func (c *APIController) Finish() {
	metrics.APILatency.WithLabelValues(c.Ctx.Input.URI(), c.Ctx.Input.Method()).Observe(1) // want "metric-label-cardinality"
}

// A vec reset every second holds a second's paths; they still reach the monitoring backend.
func Count(r *http.Request) {
	metrics.Throughput.WithLabelValues(r.URL.Path).Inc() // want "metric-label-cardinality:information"
	metrics.Failures.WithLabelValues(r.URL.Path).Inc()   // want "metric-label-cardinality"
}
