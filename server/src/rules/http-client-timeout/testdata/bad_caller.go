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
