package servers

import (
	"log"
	"net"
	"net/http"
)

// Served only on a unix socket: only processes of this machine can open it.
func serveUnixSocket(handler http.Handler, path string) {
	srv := &http.Server{Handler: handler} // want "http-server-timeouts:information"
	go func() {
		listener, err := net.Listen("unix", path)
		if err != nil {
			log.Fatal(err)
		}
		log.Println(srv.Serve(listener))
	}()
}

// The same server also listens on TCP: clients from the network reach it.
func serveUnixAndTCP(handler http.Handler, path string) error {
	srv := &http.Server{Addr: ":8080", Handler: handler} // want "http-server-timeouts"
	listener, err := net.Listen("unix", path)
	if err != nil {
		return err
	}
	go srv.Serve(listener)
	return srv.ListenAndServe()
}

// A TCP listener handed to Serve is the network.
func serveTCPListener(handler http.Handler) error {
	srv := &http.Server{Handler: handler} // want "http-server-timeouts"
	listener, err := net.Listen("tcp", ":8080")
	if err != nil {
		return err
	}
	return srv.Serve(listener)
}
