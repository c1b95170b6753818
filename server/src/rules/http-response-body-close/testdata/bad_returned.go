package client

import (
	"errors"
	"fmt"
	"net/http"
	"time"
)

// The response goes to the caller only on the last return; the 404 path drops it open.
func fetchResource(client *http.Client, req *http.Request) (*http.Response, error) {
	resp, err := client.Do(req) // want "http-response-body-close"
	if err != nil {
		return nil, err
	}
	if resp.StatusCode == http.StatusNotFound {
		return nil, errors.New("not found")
	}
	return resp, nil
}

// The error path hands the response on as well, and the bad-status path still drops it.
func fetchOrExplain(client *http.Client, url string) (*http.Response, error) {
	resp, err := client.Get(url) // want "http-response-body-close"
	if err != nil {
		return resp, err
	}
	if resp.StatusCode >= 500 {
		return nil, fmt.Errorf("server error %d", resp.StatusCode)
	}
	return resp, nil
}

// A client Timeout ends the request, so the dropped body is held until then: information.
func fetchBounded(url string) (*http.Response, error) {
	client := &http.Client{Timeout: 300 * time.Second}
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	resp, err := client.Do(req) // want "http-response-body-close:information"
	if err != nil {
		return nil, err
	}
	if resp.StatusCode == http.StatusNotFound {
		return nil, errors.New("not found")
	}
	return resp, nil
}
