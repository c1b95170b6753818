package client

import (
	"context"
	"io"
	"net/http"
)

// The request carries the caller's ctx: the function hands the bound to whoever calls it, as Go
// APIs do. Whether the caller sets a deadline is out of sight, so this is information.
func Fetch(ctx context.Context, url string) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	resp, err := http.DefaultClient.Do(req) // want "http-client-timeout:information"
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	return io.ReadAll(resp.Body)
}

// A context derived from the parameter without a deadline of its own: still the caller's bound.
func Probe(ctx context.Context, url string) (int, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	req, err := http.NewRequest(http.MethodHead, url, nil)
	if err != nil {
		return 0, err
	}
	resp, err := http.DefaultClient.Do(req.WithContext(ctx)) // want "http-client-timeout:information"
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	return resp.StatusCode, nil
}

// A request built by the caller and handed in: its context, and so its bound, is the caller's.
func sendBuilt(r *http.Request) (*http.Response, error) {
	return http.DefaultClient.Do(r) // want "http-client-timeout:information"
}

// A client of its own whose every request is made on the ctx parameter: library code that leaves
// the deadline to its caller, as Go APIs that take a ctx do.
func metadata(ctx context.Context, endpoint string) ([]byte, error) {
	client := http.Client{Transport: &http.Transport{Proxy: nil}} // want "http-client-timeout:information"
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, endpoint, http.NoBody)
	if err != nil {
		return nil, err
	}
	resp, err := client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	return io.ReadAll(resp.Body)
}

// The ctx parameter is replaced before the request is made: nothing bounds it.
func detached(ctx context.Context, url string) error {
	ctx = context.Background()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req) // want "http-client-timeout"
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// The same for a client of its own: the caller's ctx is not what the request carries.
func detachedClient(ctx context.Context, url string) error {
	client := &http.Client{} // want "http-client-timeout"
	ctx = context.TODO()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// A request handed in whole does not go through this function's ctx.
func relay(r *http.Request) (*http.Response, error) {
	client := &http.Client{} // want "http-client-timeout"
	return client.Do(r)
}

// The request is made on a closure's ctx parameter, which the function fills with Background.
func background(url string) error {
	client := &http.Client{} // want "http-client-timeout"
	send := func(ctx context.Context) error {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
		if err != nil {
			return err
		}
		resp, err := client.Do(req)
		if err != nil {
			return err
		}
		return resp.Body.Close()
	}
	return send(context.Background())
}

// A value added to the ctx parameter keeps the caller's bound.
func tagged(ctx context.Context, url string) error {
	ctx = context.WithValue(ctx, traceKey{}, "x")
	client := &http.Client{} // want "http-client-timeout:information"
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

type traceKey struct{}
