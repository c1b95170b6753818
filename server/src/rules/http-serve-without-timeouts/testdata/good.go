package main

import (
	"context"
	"net"
	"net/http"
	"time"
)

// Methods on a configured *http.Server: the server carries its own timeouts.
func configured(h http.Handler) error {
	srv := &http.Server{
		Addr:              ":8443",
		Handler:           h,
		ReadHeaderTimeout: 2 * time.Second,
		ReadTimeout:       5 * time.Second,
		WriteTimeout:      10 * time.Second,
		IdleTimeout:       60 * time.Second,
	}
	return srv.ListenAndServeTLS("server.crt", "server.key")
}

// The same method called on a server held in a field.
type app struct{ server *http.Server }

func (a *app) start(l net.Listener) error { return a.server.Serve(l) }

func (a *app) stop(ctx context.Context) error { return a.server.Shutdown(ctx) }

// A local package or value that happens to be called http is not net/http.
type fakeHTTP struct{}

func (fakeHTTP) ListenAndServe(addr string, h http.Handler) error { return nil }

func shadowed(h http.Handler) error {
	http := fakeHTTP{}
	return http.ListenAndServe(":1", h)
}

// A function of our own with the same name.
func ListenAndServe(addr string) error { return nil }

func ownFunction() error { return ListenAndServe(":2") }
