package client

import (
	"net/http"

	"example.com/shop/internal/httputil"
)

// The helper closes the body, but a non-200 answer returns before it does.
func fetchLate(url string) error {
	resp, err := http.Get(url) // want "http-response-body-close"
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		return nil
	}
	httputil.Discard(resp)
	return nil
}

// Another package's wrapper, its response thrown away.
func ping(url string) error {
	_, err := httputil.Fetch(url) // want "http-response-body-close"
	return err
}

// Another package's method wrapper, only the status read.
func callStatus(api *httputil.API) (int, error) {
	resp, err := api.Call("/status") // want "http-response-body-close"
	if err != nil {
		return 0, err
	}
	return resp.StatusCode, nil
}
