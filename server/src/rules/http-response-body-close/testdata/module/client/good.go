package client

import (
	"net/http"

	hu "example.com/shop/internal/httputil"
)

// Drained and closed by the module's helper (an aliased import).
func fetch(url string) (int, error) {
	resp, err := http.Get(url)
	if err != nil {
		return 0, err
	}
	defer hu.Discard(resp)
	return resp.StatusCode, nil
}

// The body alone, closed by the helper as the last use.
func fetchBody(url string) error {
	resp, err := http.Get(url)
	if err != nil {
		return err
	}
	return hu.CloseBody(resp.Body)
}

// A helper that keeps nothing and closes nothing, then a close: the response is handled here.
func fetchStatus(url string) (string, error) {
	resp, err := http.Get(url)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	return hu.Status(resp), nil
}

// Another package's wrapper that closes the body before it returns the response.
func pingClosed(url string) (int, error) {
	resp, err := hu.FetchClosed(url)
	if err != nil {
		return 0, err
	}
	return resp.StatusCode, nil
}

// Another package's wrapper, its response closed here.
func callClosed(api *hu.API) (int, error) {
	resp, err := api.Call("/status")
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	return resp.StatusCode, nil
}
