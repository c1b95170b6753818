package server

import "net/http"

// Test servers are not exposed to real clients.
func newTestHTTPServer(h http.Handler) *http.Server {
	return &http.Server{Addr: "127.0.0.1:0", Handler: h}
}
