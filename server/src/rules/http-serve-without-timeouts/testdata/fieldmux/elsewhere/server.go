package elsewhere

import (
	"log"
	"net/http"
	"net/http/pprof"
)

// The helper is called only from another file of the package: its routes are not in this file.
type Server struct {
	mux *http.ServeMux
}

func New() *Server { return &Server{mux: http.NewServeMux()} }

func (s *Server) handle(pattern string, handler http.HandlerFunc) { s.mux.HandleFunc(pattern, handler) }

func (s *Server) Serve() {
	s.mux.HandleFunc("/debug/pprof/", pprof.Index)
	log.Println(http.ListenAndServe(":6060", s.mux)) // want "http-serve-without-timeouts"
}
