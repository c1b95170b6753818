package metrics

import (
	"net/http"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"
	prom "github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promauto"
)

var requests = prom.NewCounterVec(prom.CounterOpts{Name: "http_requests_total"}, []string{"method", "path", "status"})

var latency = promauto.NewHistogramVec(prom.HistogramOpts{Name: "http_request_seconds"}, []string{"path"})

type Metrics struct {
	failures *prom.CounterVec
	logins   *prom.CounterVec
}

func instrument(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		next.ServeHTTP(w, r)
		requests.WithLabelValues(r.Method, r.URL.Path, "200").Inc() // want "metric-label-cardinality"
		latency.With(prom.Labels{"path": r.RequestURI}).Observe(time.Since(start).Seconds()) // want "metric-label-cardinality"
	})
}

func ginMiddleware(c *gin.Context) {
	c.Next()
	path := c.Request.URL.Path
	requests.WithLabelValues(c.Request.Method, path, strconv.Itoa(c.Writer.Status())).Inc() // want "metric-label-cardinality"
}

func (m *Metrics) fail(op string, err error) {
	m.failures.WithLabelValues(op, err.Error()).Inc() // want "metric-label-cardinality"
}

func (m *Metrics) login(userID string, r *http.Request) {
	m.logins.WithLabelValues(userID).Inc() // want "metric-label-cardinality"
	m.logins.With(prom.Labels{
		"ip": r.RemoteAddr, // want "metric-label-cardinality"
	}).Inc()
	m.logins.WithLabelValues(r.Header.Get("X-Request-ID")).Inc() // want "metric-label-cardinality"
}

type User struct {
	ID    int64
	Email string
}

func (m *Metrics) signup(user User, c *gin.Context) {
	m.logins.WithLabelValues(user.Email).Inc()   // want "metric-label-cardinality"
	m.logins.WithLabelValues(c.ClientIP()).Inc() // want "metric-label-cardinality"
	if c.Request.URL != nil {
		m.logins.WithLabelValues(c.Request.URL.String()).Inc() // want "metric-label-cardinality"
	}
}

// A vec held in a field and cleared by a select loop of the same package: each minute's error
// texts stay bounded in memory but still reach the monitoring backend.
type Recent struct {
	errors *prom.CounterVec
	done   chan struct{}
}

func (r *Recent) clear() {
	ticker := time.NewTicker(time.Minute)
	defer ticker.Stop()
	for {
		select {
		case <-ticker.C:
			r.errors.Reset()
		case <-r.done:
			return
		}
	}
}

func (r *Recent) record(err error) {
	r.errors.WithLabelValues(err.Error()).Inc() // want "metric-label-cardinality:information"
}
