package client

import (
	"net/http"
	"net/url"
	"os"
)

// Every path returns a client without a Timeout: one defect, one finding, one fix for all.
func proxyClient() *http.Client {
	proxy := os.Getenv("HTTPS_PROXY")
	if proxy == "" {
		return &http.Client{} // want "http-client-timeout"
	}
	u, err := url.Parse(proxy)
	if err != nil {
		return &http.Client{}
	}
	return &http.Client{
		Transport: &http.Transport{Proxy: http.ProxyURL(u)},
	}
}

// The Transport, kept in a variable, bounds the wait for headers; the body read stays unbounded.
func rpcClient() *http.Client {
	transport := &http.Transport{ResponseHeaderTimeout: 4e9}
	return &http.Client{Transport: transport} // want "http-client-timeout:information"
}
