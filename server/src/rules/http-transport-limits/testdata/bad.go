package upstream

import (
	"crypto/tls"
	"net"
	"net/http"
	"time"
)

// A transport built for one upstream, with a dialer timeout but none of the pool settings.
func newTransport() *http.Transport {
	return &http.Transport{ // want "http-transport-limits"
		DialContext: (&net.Dialer{Timeout: time.Second, KeepAlive: 30 * time.Second}).DialContext,
		TLSClientConfig: &tls.Config{
			MinVersion: tls.VersionTLS12,
		},
	}
}

// Inside an http.Client literal: the usual place for a transport.
func newClient() *http.Client {
	return &http.Client{
		Timeout:   10 * time.Second,
		Transport: &http.Transport{MaxIdleConns: 200}, // want "http-transport-limits"
	}
}

// Some fields set in the literal, one assigned later; its client has no Timeout, which is
// http-client-timeout's finding: here only the pool and idle settings are asked for.
func partlyConfigured() *http.Client {
	tr := &http.Transport{ // want "http-transport-limits"
		MaxIdleConnsPerHost: 64,
	}
	tr.TLSHandshakeTimeout = 2 * time.Second
	return &http.Client{Transport: tr}
}

// Assigned to a client's Transport field: checked as in a literal, against that client's Timeout.
func assignedToClient() *http.Client {
	client := &http.Client{Timeout: 20 * time.Second}
	client.Transport = &http.Transport{ // want "http-transport-limits"
		Proxy: http.ProxyFromEnvironment,
	}
	return client
}

// The same without a Timeout anywhere: a stalled backend holds the request, so the deadlines
// are asked for too (the response-header wait is a starting value: that fix is not preferred).
func assignedToDefaultClient() {
	http.DefaultClient.Transport = &http.Transport{Proxy: http.ProxyFromEnvironment} // want "http-transport-limits"
}

// Only the per-host pool size is missing.
func onlyPoolMissing() *http.Transport {
	return &http.Transport{IdleConnTimeout: time.Minute, TLSHandshakeTimeout: 5 * time.Second, ResponseHeaderTimeout: 5 * time.Second} // want "http-transport-limits"
}

// A package-level transport with nothing set.
var shared = &http.Transport{} // want "http-transport-limits"

// A client field whose transport is built in a method.
type gateway struct{ client *http.Client }

func (g *gateway) init() {
	g.client = &http.Client{Transport: &http.Transport{Proxy: http.ProxyFromEnvironment}, Timeout: 5 * time.Second} // want "http-transport-limits"
}
