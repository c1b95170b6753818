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

// Some fields set in the literal, one assigned later: the rest are still missing.
func partlyConfigured() *http.Client {
	tr := &http.Transport{ // want "http-transport-limits"
		MaxIdleConnsPerHost: 64,
		IdleConnTimeout:     90 * time.Second,
	}
	tr.TLSHandshakeTimeout = 2 * time.Second
	return &http.Client{Transport: tr, Timeout: 10 * time.Second}
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
