package metrics

import (
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promauto"
)

var APILatency = promauto.NewHistogramVec(prometheus.HistogramOpts{Name: "api_latency_ms"}, []string{"path", "method"})

// Recorder is not a collector: its WithLabelValues is the module's own.
type Recorder struct{}

func (Recorder) WithLabelValues(values ...string) Recorder { return Recorder{} }

func (Recorder) Inc() {}

var Requests = Recorder{}

// Throughput holds the last second's requests: it is reset on every tick.
var Throughput = promauto.NewGaugeVec(prometheus.GaugeOpts{Name: "api_throughput"}, []string{"path"})

// Failures is reset once, at start-up, which bounds nothing after it.
var Failures = promauto.NewCounterVec(prometheus.CounterOpts{Name: "api_failures"}, []string{"path"})

func init() { Failures.Reset() }

func ClearEverySecond() {
	ticker := time.NewTicker(time.Second)
	defer ticker.Stop()
	for range ticker.C {
		Throughput.Reset()
	}
}
