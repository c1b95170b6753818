package appserver

import (
	"log"
	"net/http"
	"net/http/pprof"
)

// The same shape serving an API route next to pprof: clients reach it, so it stays a warning.
type Server struct {
	mux *http.ServeMux
}

func NewServer() *Server {
	s := &Server{}
	s.mux = http.NewServeMux()
	return s
}

func (s *Server) routes() {
	s.handle("/api/orders", s.orders)
	s.handle("/debug/pprof/", pprof.Index)
	s.handle("/debug/pprof/profile", pprof.Profile)
}

func (s *Server) handle(pattern string, handler http.HandlerFunc) { s.mux.HandleFunc(pattern, handler) }

func (s *Server) orders(w http.ResponseWriter, r *http.Request) {}

func (s *Server) Run() {
	s.routes()
	log.Println(http.ListenAndServe(":8080", s.mux)) // want "http-serve-without-timeouts"
}
