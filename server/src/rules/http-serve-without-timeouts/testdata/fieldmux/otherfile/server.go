package otherfile

import (
	"log"
	"net/http"
	"net/http/pprof"
)

// Another file of the package has methods on the struct: they may add routes to the mux.
type Server struct {
	mux *http.ServeMux
}

func New() *Server { return &Server{mux: http.NewServeMux()} }

func (s *Server) Serve() {
	s.mux.HandleFunc("/debug/pprof/", pprof.Index)
	log.Println(http.ListenAndServe(":6060", s.mux)) // want "http-serve-without-timeouts"
}
