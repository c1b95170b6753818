// Package server is a library: how the program stops is its caller's decision.
package server

import "net/http"

func Run(srv *http.Server) error {
	return srv.ListenAndServe()
}

func RunBare(addr string, h http.Handler) error {
	return http.ListenAndServe(addr, h)
}
