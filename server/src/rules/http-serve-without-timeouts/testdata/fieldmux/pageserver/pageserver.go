package pageserver

import (
	"fmt"
	"log"
	"net/http"
	"net/http/pprof"
)

// A page at "/" that reads its request (a search), next to pprof: an app page, so a warning.
type Server struct {
	mux *http.ServeMux
}

func New() *Server { return &Server{mux: http.NewServeMux()} }

func (s *Server) Run() {
	s.mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, "results for %s", r.URL.Query().Get("q"))
	})
	s.mux.HandleFunc("/debug/pprof/", pprof.Index)
	log.Println(http.ListenAndServe(":8080", s.mux)) // want "http-serve-without-timeouts"
}

// A fixed page with no pprof beside it is what a small web site serves: a warning.
type Site struct {
	pages *http.ServeMux
}

func NewSite() *Site { return &Site{pages: http.NewServeMux()} }

func (s *Site) Run() {
	s.pages.HandleFunc("/", func(w http.ResponseWriter, _ *http.Request) { fmt.Fprint(w, "hello") })
	s.pages.HandleFunc("/healthz", func(w http.ResponseWriter, _ *http.Request) {})
	log.Println(http.ListenAndServe(":8081", s.pages)) // want "http-serve-without-timeouts"
}
