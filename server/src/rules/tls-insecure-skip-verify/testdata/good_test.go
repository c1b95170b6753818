package client

import (
	"crypto/tls"
	"net/http"
	"testing"
)

// Test files talk to httptest servers with self-signed certificates.
func TestAgainstSelfSigned(t *testing.T) {
	client := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true}}}
	_ = client
}
