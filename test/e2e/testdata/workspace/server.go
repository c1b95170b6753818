package main

import "net/http"

func serve(mux *http.ServeMux) error {
	srv := &http.Server{Addr: ":8080", Handler: mux}
	return srv.ListenAndServe()
}
