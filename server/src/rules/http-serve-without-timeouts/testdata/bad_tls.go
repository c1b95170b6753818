package main

import (
	"net"
	nethttp "net/http"
	"time"
)

var shutdownGrace = 5 * time.Second

// An import alias for net/http: the rewrite keeps it.
func serveTLS(addr string, router nethttp.Handler) error {
	return nethttp.ListenAndServeTLS(addr, "server.crt", "server.key", router) // want "http-serve-without-timeouts"
}

func serveTLSOn(l net.Listener, router nethttp.Handler) error {
	return nethttp.ServeTLS(l, router, "server.crt", "server.key") // want "http-serve-without-timeouts"
}

type api struct{ mux *nethttp.ServeMux }

func (a *api) run(addr string) error {
	for {
		if err := nethttp.ListenAndServe(addr, a.mux); err != nil { // want "http-serve-without-timeouts"
			return err
		}
	}
}
