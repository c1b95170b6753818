package client

import (
	"context"
	"fmt"
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
	return &http.Client{ // want "http-client-timeout:information"
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

// The default client used directly, bounded only by the caller's ctx: information.
func send(ctx context.Context, u string) (*http.Response, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, u, strings.NewReader("{}"))
	if err != nil {
		return nil, err
	}
	return http.DefaultClient.Do(req) // want "http-client-timeout:information"
}

// A deadline that WithoutCancel drops: the request is unbounded again.
func sendDetached(parent context.Context, u string) (*http.Response, error) {
	ctx, cancel := context.WithTimeout(parent, 5*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(context.WithoutCancel(ctx), http.MethodGet, u, nil)
	if err != nil {
		return nil, err
	}
	return http.DefaultClient.Do(req) // want "http-client-timeout"
}

// The request is replaced in a branch by one without the deadline.
func sendMaybeBounded(u string, bounded bool) (*http.Response, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, err
	}
	if !bounded {
		req, _ = http.NewRequest(http.MethodGet, u, nil)
	}
	return http.DefaultClient.Do(req) // want "http-client-timeout"
}

// A local client that sends a bounded request and an unbounded one.
func fetchBoth(u string) error {
	client := &http.Client{} // want "http-client-timeout"
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return err
	}
	if _, err := client.Do(req); err != nil {
		return err
	}
	_, err = client.Get(u)
	return err
}

// A server on this machine: a stalled local process can still hang it, so information.
func localStatus(port int) (*http.Response, error) {
	url := "http://127.0.0.1/nginx_status"
	if port != 80 {
		url = fmt.Sprintf("http://127.0.0.1:%v/nginx_status", port)
	}
	return http.Get(url) // want "http-client-timeout:information"
}

func localHealth() (*http.Response, error) {
	return http.DefaultClient.Get("http://localhost:8080/healthz") // want "http-client-timeout:information"
}

// The host is read at run time, so it may be anywhere.
func remoteStatus(host string) (*http.Response, error) {
	return http.Get("http://" + host + "/status") // want "http-client-timeout"
}

// A name that starts like a loopback address is not one.
func lookalikeHost() (*http.Response, error) {
	return http.Get("http://127.0.0.1.example.com/status") // want "http-client-timeout"
}
