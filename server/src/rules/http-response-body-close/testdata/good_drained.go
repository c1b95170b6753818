package client

import (
	"io"
	"net/http"
	"net/url"
)

// Close is deferred after the read's error check: the one path that skips it is the read error,
// after which the Transport has already dropped the connection.
func postForm(client *http.Client, req *http.Request) ([]byte, error) {
	resp, err := client.Do(req)
	if err != nil {
		return nil, err
	}
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	return body, nil
}

// A failed read returns before the explicit Close, but a read error has already made the
// Transport drop the connection.
func readThenClose(endpoint string, form url.Values) ([]byte, error) {
	resp, err := http.PostForm(endpoint, form)
	if err != nil {
		return nil, err
	}
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	}
	resp.Body.Close()
	return body, nil
}
