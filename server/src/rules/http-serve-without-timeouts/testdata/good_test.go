package main

import (
	"net"
	"net/http"
	"testing"
)

// Test servers on loopback live only as long as the test.
func TestServe(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go http.Serve(l, http.NotFoundHandler())
	l.Close()
}
