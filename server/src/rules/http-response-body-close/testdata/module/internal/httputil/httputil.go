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
