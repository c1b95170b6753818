package main

import (
	"net"
	"net/http"
	"testing"
)

// Servers in tests end with the test.
func TestServe(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: http.NotFoundHandler()}
	go srv.Serve(l)
	l.Close()
}
