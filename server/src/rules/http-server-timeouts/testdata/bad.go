package servers

import (
	"log"
	"net/http"
	nethttp "net/http"
	"time"
)

func noTimeoutsAtAll(mux *http.ServeMux) error {
	srv := &http.Server{ // want "http-server-timeouts"
		Addr:    ":8080",
		Handler: mux,
	}
	return srv.ListenAndServe()
}

func aliasedImport() {
	srv := nethttp.Server{Addr: ":8081"} // want "http-server-timeouts"
	log.Fatal(srv.ListenAndServe())
}

func onlyReadHeaderTimeout(h http.Handler) *http.Server {
	return &http.Server{ // want "http-server-timeouts"
		Addr:              ":8082",
		Handler:           h,
		ReadHeaderTimeout: 0,
	}
}

func missingWriteTimeout() {
	srv := &http.Server{Addr: ":8083", ReadTimeout: 0, IdleTimeout: 0} // want "http-server-timeouts"
	_ = srv.ListenAndServe()
}

// Idle connections use ReadTimeout today: the fix makes that explicit and changes nothing.
func onlyIdleMissing() {
	srv := &http.Server{ // want "http-server-timeouts:information"
		Addr:         ":8084",
		ReadTimeout:  15 * time.Second,
		WriteTimeout: time.Minute,
	}
	_ = srv.ListenAndServe()
}

// ReadTimeout is set after the literal: no value to copy into IdleTimeout, so no fix.
func onlyIdleMissingSetLater(timeout time.Duration) {
	srv := &http.Server{Addr: ":8087", WriteTimeout: time.Minute} // want "http-server-timeouts:information"
	srv.ReadTimeout = timeout
	_ = srv.ListenAndServe()
}

func assignedLaterButNotAll() {
	srv := &http.Server{Addr: ":8085"} // want "http-server-timeouts"
	srv.ReadHeaderTimeout = 0
	_ = srv.ListenAndServe()
}

func inlineServe() {
	log.Fatal((&http.Server{Addr: ":8086"}).ListenAndServe()) // want "http-server-timeouts"
}

func emptyLiteral() {
	var srv = http.Server{} // want "http-server-timeouts"
	_ = srv.ListenAndServe()
}
