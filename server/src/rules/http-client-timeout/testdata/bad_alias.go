package client

import web "net/http"

// An import alias for net/http, and no time import yet: the fix adds it.
type api struct {
	base string
	http *web.Client
}

func newAPI(base string) *api {
	hc := &web.Client{ // want "http-client-timeout"
		Transport: web.DefaultTransport,
	}
	return &api{base: base, http: hc}
}

func (a *api) post(body string) (*web.Response, error) {
	return web.Post(a.base, "application/json", nil) // want "http-client-timeout"
}

func (a *api) get() (*web.Response, error) {
	return web.DefaultClient.Get(a.base) // want "http-client-timeout"
}
