package servers

import (
	"net/http"
	"time"
)

func fullyConfigured(mux *http.ServeMux) error {
	srv := &http.Server{
		Addr:              ":9090",
		Handler:           mux,
		ReadHeaderTimeout: 2 * time.Second,
		ReadTimeout:       5 * time.Second,
		WriteTimeout:      10 * time.Second,
		IdleTimeout:       60 * time.Second,
	}
	return srv.ListenAndServe()
}

// Timeouts assigned after the literal, in the same function.
func configuredAfterwards() error {
	srv := &http.Server{Addr: ":9091"}
	srv.ReadHeaderTimeout = 2 * time.Second
	srv.WriteTimeout = 10 * time.Second
	srv.IdleTimeout = time.Minute
	return srv.ListenAndServe()
}

// The server is handed to a helper before use: it may set the timeouts, and we cannot see.
func configuredByHelper() error {
	srv := &http.Server{Addr: ":9092"}
	applyTimeouts(srv)
	return srv.ListenAndServe()
}

func applyTimeouts(srv *http.Server) {
	srv.ReadHeaderTimeout = 2 * time.Second
	srv.WriteTimeout = 10 * time.Second
	srv.IdleTimeout = time.Minute
}

// ReadTimeout and WriteTimeout with an explicit IdleTimeout: nothing to say.
func readAndWrite() *http.Server {
	return &http.Server{ReadTimeout: 5 * time.Second, WriteTimeout: 10 * time.Second, IdleTimeout: time.Minute}
}

// A type named Server from another package is not net/http's.
type Server struct{ Addr string }

type fakehttp struct{}

func notNetHTTP() Server {
	return Server{Addr: ":1"}
}

// Stored into a field of another value: its owner configures it (httptest.Server.Config).
type testServer struct{ Config *http.Server }

func newUnstarted(h http.Handler) *testServer {
	s := &testServer{}
	s.Config = &http.Server{Handler: h}
	return s
}

// Held by another literal: the App's owner sets the timeouts through app.Server.
type App struct{ Server *http.Server }

func newApp(h http.Handler) *App {
	return &App{Server: &http.Server{Handler: h}}
}

// The write timeout was weighed and left out, with the reason, in the literal itself.
func exportServer(handler http.Handler) *http.Server {
	return &http.Server{
		Handler:           handler,
		ReadHeaderTimeout: 5 * time.Second,
		// WriteTimeout: 120 * time.Second, // exports stream for longer than any fixed bound
		IdleTimeout: 30 * time.Second,
	}
}
