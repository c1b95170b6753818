package client

import (
	"io"
	nethttp "net/http"
)

// Poller reaches net/http through an alias.
type Poller struct {
	hc *nethttp.Client
}

// The body is closed only when the status is fine.
func (p *Poller) Poll(url string) ([]byte, error) {
	resp, err := p.hc.Get(url) // want "http-response-body-close"
	if err != nil {
		return nil, err
	}
	if resp.StatusCode == nethttp.StatusNoContent {
		return nil, nil
	}
	defer resp.Body.Close()
	return io.ReadAll(resp.Body)
}

func getAlias(url string) (string, error) {
	var resp, err = nethttp.Get(url) // want "http-response-body-close"
	if err != nil {
		return "", err
	}
	return resp.Header.Get("ETag"), nil
}
