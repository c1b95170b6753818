package upstream

import (
	"crypto/tls"
	"net/http"
)

// Test clients talk to httptest servers on loopback.
func testClient() *http.Client {
	return &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{}}}
}
