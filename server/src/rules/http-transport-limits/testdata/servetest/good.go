// Package servetest starts HTTP servers for tests: a test-support package, like httptest,
// whose clients talk to a loopback server for the length of a test.
package servetest

import "net/http"

func Client() *http.Client {
	return &http.Client{Transport: &http.Transport{}}
}
