package server

import (
	"net/http"
	"time"
)

// The limit is set in the literal.
func limited(h http.Handler) *http.Server {
	return &http.Server{Handler: h, ReadHeaderTimeout: 2 * time.Second, MaxHeaderBytes: 16 << 10}
}

// The limit is assigned after the literal, in the same function.
func assignedAfterwards(h http.Handler) error {
	srv := &http.Server{Addr: ":9090", Handler: h}
	srv.MaxHeaderBytes = 8 << 10
	return srv.ListenAndServe()
}

// Handed to a helper before use: the helper may set the limit.
func configuredByHelper() error {
	srv := &http.Server{Addr: ":9091"}
	harden(srv)
	return srv.ListenAndServe()
}

func harden(srv *http.Server) { srv.MaxHeaderBytes = 8 << 10 }

// A literal passed straight to a function: the same.
func passedStraight(h http.Handler) error {
	return serveHardened(&http.Server{Addr: ":9092", Handler: h})
}

func serveHardened(srv *http.Server) error {
	harden(srv)
	return srv.ListenAndServe()
}

// Stored into another value, whose owner configures it.
type testServer struct{ Config *http.Server }

func newTestServer(h http.Handler) *testServer {
	ts := &testServer{}
	ts.Config = &http.Server{Handler: h}
	return ts
}

type App struct{ Server *http.Server }

func newApp(h http.Handler) *App {
	return &App{Server: &http.Server{Handler: h}}
}

// A Server type of our own.
type Server struct{ Addr string }

func own() Server { return Server{Addr: ":1"} }
