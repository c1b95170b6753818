package server

import (
	"log"
	"net/http"
	web "net/http"
	"time"
)

func run(mux *http.ServeMux) error {
	srv := &http.Server{ // want "http-max-header-bytes"
		Addr:              ":8080",
		Handler:           mux,
		ReadHeaderTimeout: 2 * time.Second,
		WriteTimeout:      10 * time.Second,
	}
	return srv.ListenAndServe()
}

// An import alias, a value literal, one line.
func aliased(h web.Handler) {
	srv := web.Server{Addr: ":8081", Handler: h, ReadHeaderTimeout: time.Second} // want "http-max-header-bytes"
	log.Fatal(srv.ListenAndServe())
}

// Returned by a constructor: the caller gets the 1 MB default.
func newServer(h http.Handler) *http.Server {
	return &http.Server{Handler: h, ReadTimeout: 5 * time.Second} // want "http-max-header-bytes"
}

// Other fields assigned later, but not MaxHeaderBytes.
func assignedLater(h http.Handler) error {
	srv := &http.Server{Addr: ":8082"} // want "http-max-header-bytes"
	srv.Handler = h
	srv.ReadHeaderTimeout = 2 * time.Second
	return srv.ListenAndServe()
}

// Started inline.
func inline(h http.Handler) error {
	return (&http.Server{Addr: ":8083", Handler: h, ReadHeaderTimeout: time.Second}).ListenAndServe() // want "http-max-header-bytes"
}

var empty = http.Server{} // want "http-max-header-bytes"
