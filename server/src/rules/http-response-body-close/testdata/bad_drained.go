package client

import (
	"io"
	"io/ioutil"
	"net/http"
)

// Read to the end and never closed: the connection goes back to the pool at EOF, so nothing
// leaks, but net/http asks for the Close. Information, with the defer as the fix.
func fetchToken(client *http.Client, url string) ([]byte, error) {
	resp, err := client.Get(url) // want "http-response-body-close:information"
	if err != nil {
		return nil, err
	}
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	}
	return body, nil
}

// The same with ioutil, the body's bytes ignored.
func ping(url string) error {
	resp, err := http.Get(url) // want "http-response-body-close:information"
	if err != nil {
		return err
	}
	_, err = ioutil.ReadAll(resp.Body)
	return err
}

// Drained into io.Discard: read to the end as well.
func touch(client *http.Client, req *http.Request) (int, error) {
	resp, err := client.Do(req) // want "http-response-body-close:information"
	if err != nil {
		return 0, err
	}
	if _, err := io.Copy(io.Discard, resp.Body); err != nil {
		return 0, err
	}
	return resp.StatusCode, nil
}
