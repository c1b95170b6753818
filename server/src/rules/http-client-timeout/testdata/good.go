package client

import (
	"context"
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

// A request made on a context with a deadline set here: the round trip and the body read end
// when it expires, so the default client cannot hang on it.
func status(u string) (*http.Response, error) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, http.NoBody)
	if err != nil {
		return nil, err
	}
	return http.DefaultClient.Do(req)
}

// A client whose every request carries a deadline, given with WithContext; a derived context
// keeps its parent's deadline.
func export(u string, timeout time.Duration) error {
	client := http.Client{}
	defer client.CloseIdleConnections()
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	ctx, stop := context.WithCancel(ctx)
	defer stop()
	req, err := http.NewRequest(http.MethodGet, u, http.NoBody)
	if err != nil {
		return err
	}
	resp, err := client.Do(req.WithContext(ctx))
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// The request is given its deadline after it is built.
func exportLater(u string) error {
	ctx, cancel := context.WithDeadline(context.Background(), time.Now().Add(time.Minute))
	defer cancel()
	req, err := http.NewRequest(http.MethodGet, u, http.NoBody)
	if err != nil {
		return err
	}
	req = req.WithContext(ctx)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}
