package client

import (
	"net/http"
	"time"
)

// Timeout set in the literal.
func bounded() *http.Client {
	return &http.Client{Timeout: 10 * time.Second}
}

// Timeout assigned after the literal, in the same function.
func configuredLater(timeout time.Duration) *http.Client {
	c := &http.Client{Transport: http.DefaultTransport}
	c.Timeout = timeout
	return c
}

// Handed to a helper that may set the timeout.
func configuredByHelper() *http.Client {
	c := &http.Client{}
	applyDefaults(c)
	return c
}

func applyDefaults(c *http.Client) { c.Timeout = 10 * time.Second }

// A literal passed straight to a constructor that configures it.
type sdk struct{ hc *http.Client }

func newSDK(hc *http.Client) *sdk {
	if hc.Timeout == 0 {
		hc.Timeout = 30 * time.Second
	}
	return &sdk{hc: hc}
}

func defaultSDK() *sdk { return newSDK(&http.Client{}) }

// Stored into another value: its owner sets the timeout through it.
type service struct{ client *http.Client }

func newService(timeout time.Duration) *service {
	s := &service{client: &http.Client{}}
	s.client.Timeout = timeout
	return s
}

// Calls on a configured client are not the default client's.
var api = &http.Client{Timeout: 5 * time.Second}

func get(u string) (*http.Response, error) { return api.Get(u) }

// A Client type of our own, and a local value named http.
type Client struct{ Name string }

func own() Client { return Client{Name: "x"} }

type fakeHTTP struct{}

func (fakeHTTP) Get(u string) error { return nil }

func shadowed(u string) error {
	http := fakeHTTP{}
	return http.Get(u)
}
