package client

import (
	"io"
	"net/http"
)

// Two requests in a row: the first response is overwritten while still open.
func pingTwice(client *http.Client, url string) (int, error) {
	resp, err := client.Get(url) // want "http-response-body-close"
	if err != nil {
		return 0, err
	}
	resp, err = client.Get(url)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	return resp.StatusCode, nil
}

// The cleanup closure is written but never called.
func cleanupNeverRun(client *http.Client, url string) (int, error) {
	resp, err := client.Get(url) // want "http-response-body-close"
	if err != nil {
		return 0, err
	}
	cleanup := func() { resp.Body.Close() }
	_ = cleanup
	return resp.StatusCode, nil
}

// `_ = resp` keeps the compiler quiet; it closes nothing.
func statusOnly(url string) error {
	resp, err := http.Get(url) // want "http-response-body-close"
	_ = resp
	return err
}

// The deferred literal receives the body and ignores it.
func ignoredByDeferredLiteral(url string) {
	resp, _ := http.Get(url) // want "http-response-body-close"
	defer func(body io.ReadCloser) {}(resp.Body)
}
