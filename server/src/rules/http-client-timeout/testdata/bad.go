package client

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// A constructor handing out a client with no bound at all.
func newClient() *http.Client {
	return &http.Client{} // want "http-client-timeout"
}

// A client whose transport bounds the headers: reading the body is still unbounded.
func newStreamingClient() *http.Client {
	return &http.Client{ // want "http-client-timeout"
		Transport: &http.Transport{
			ResponseHeaderTimeout: 5 * time.Second,
		},
	}
}

// Other fields assigned later, but not Timeout.
func withJar(jar http.CookieJar) *http.Client {
	c := &http.Client{Jar: jar} // want "http-client-timeout"
	c.CheckRedirect = func(req *http.Request, via []*http.Request) error { return http.ErrUseLastResponse }
	return c
}

var shared = http.Client{} // want "http-client-timeout"

// The package-level helpers go through http.DefaultClient.
func fetch(u string) ([]byte, error) {
	resp, err := http.Get(u) // want "http-client-timeout"
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	return io.ReadAll(resp.Body)
}

func notify(u string, form url.Values) error {
	resp, err := http.PostForm(u, form) // want "http-client-timeout"
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

func ping(u string) error {
	if _, err := http.Head(u); err != nil { // want "http-client-timeout"
		return err
	}
	return nil
}

// The default client used directly.
func send(ctx context.Context, u string) (*http.Response, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, u, strings.NewReader("{}"))
	if err != nil {
		return nil, err
	}
	return http.DefaultClient.Do(req) // want "http-client-timeout"
}
