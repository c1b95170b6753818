package servers

import "net/http"

// Servers in test files live on loopback for the length of a test.
func startForTest(h http.Handler) *http.Server {
	return &http.Server{Addr: "127.0.0.1:0", Handler: h}
}
