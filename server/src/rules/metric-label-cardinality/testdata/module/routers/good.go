package routers

import (
	"net/http"

	"example.com/shop/metrics"
	"github.com/beego/beego/v2/server/web/context"
)

// beego's matched route pattern, and the module's own type with a WithLabelValues method.
func Pattern(ctx *context.Context, r *http.Request) {
	pattern, _ := ctx.Input.GetData("RouterPattern").(string)
	metrics.APILatency.WithLabelValues(pattern, ctx.Input.Method()).Observe(1)
	metrics.Requests.WithLabelValues(r.URL.Path).Inc()
}
