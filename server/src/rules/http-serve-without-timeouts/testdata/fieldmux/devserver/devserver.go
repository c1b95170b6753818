package devserver

import (
	"encoding/json"
	"fmt"
	"log"
	"net/http"
	"net/http/pprof"

	"example.com/shop/internal/health"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// A diagnostics port on a side listener: the mux is a field of this file's struct, filled through
// an unexported helper with pprof, metrics, a health check and an index of its own routes.
type Server struct {
	host   string
	port   int
	pprof  bool
	mux    *http.ServeMux
	routes []string
}

func NewServer(host string, port int) *Server {
	return &Server{host: host, port: port, mux: http.NewServeMux()}
}

func (s *Server) addRoutes(healthPath string) {
	// The index lists the routes and reads nothing from the request.
	s.handleFunc("/", func(w http.ResponseWriter, _ *http.Request) {
		_ = json.NewEncoder(w).Encode(s.routes)
	})
	// A health check made by a health-check package, on a configured path.
	s.handleFunc(healthPath, health.CreateHttpHandler("OK"))
	s.handleFunc("/metrics", promhttp.Handler().ServeHTTP)
	if s.pprof {
		s.handleFunc("/debug/pprof/", pprof.Index)
		s.handleFunc("/debug/pprof/profile", pprof.Profile)
		s.handleFunc("/debug/pprof/trace", pprof.Trace)
	}
}

func (s *Server) handleFunc(pattern string, handler http.HandlerFunc) {
	s.mux.HandleFunc(pattern, handler)
	s.routes = append(s.routes, pattern)
}

func (s *Server) Start(healthPath string) {
	s.addRoutes(healthPath)
	go func() {
		addr := fmt.Sprintf("%s:%d", s.host, s.port)
		if err := http.ListenAndServe(addr, s.mux); err != nil { // want "http-serve-without-timeouts:information"
			log.Println(err)
		}
	}()
}
