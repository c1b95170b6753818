// Helpers the client package calls through the module index.
package httputil

import (
	"io"
	"net/http"
)

// Discard drains and closes the body on every path.
func Discard(resp *http.Response) {
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
}

// CloseBody closes a body handed on its own.
func CloseBody(body io.ReadCloser) error {
	return body.Close()
}

// Status reads the status line and leaves the body alone.
func Status(resp *http.Response) string {
	return resp.Header.Get("Status")
}

// Client is the module's shared client.
var Client = &http.Client{}

// Fetch returns the shared client's response untouched.
func Fetch(url string) (*http.Response, error) {
	return fetch(url)
}

func fetch(url string) (*http.Response, error) {
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	resp, err := Client.Do(req)
	return resp, err
}

// FetchClosed drains and closes the body before it returns the response.
func FetchClosed(url string) (*http.Response, error) {
	resp, err := Client.Get(url)
	if err != nil {
		return nil, err
	}
	Discard(resp)
	return resp, nil
}

// API sends requests for a service through its own client.
type API struct {
	HTTP *http.Client
	Base string
}

// Call returns the client's response untouched.
func (a *API) Call(path string) (*http.Response, error) {
	return a.HTTP.Get(a.Base + path)
}
