package main

import (
	"log"
	"net/http"
	_ "net/http/pprof"
)

// A profiling endpoint on loopback: a side server, never reachable from outside, whose
// abrupt end loses nothing.
func startPprof() {
	go func() {
		log.Println(http.ListenAndServe("localhost:6060", nil))
	}()
}

// A type of our own with a ListenAndServe method is not an http.Server.
type gateway struct{ addr string }

func (g *gateway) ListenAndServe() error { return nil }

func runGateway() error {
	g := &gateway{addr: ":7000"}
	return g.ListenAndServe()
}

// A receiver whose type the index cannot tell (a function of another package): silent.
func runUnknown(start func() interface{ ListenAndServe() error }) error {
	return start().ListenAndServe()
}
