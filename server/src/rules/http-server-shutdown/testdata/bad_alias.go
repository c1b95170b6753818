package main

import (
	"net"
	web "net/http"
)

type site struct {
	public web.Server
}

func (s *site) servePublic(l net.Listener) error {
	return s.public.ServeTLS(l, "site.crt", "site.key") // want "http-server-shutdown"
}

func serveBare(l net.Listener, h web.Handler) error {
	return web.Serve(l, h) // want "http-server-shutdown"
}
