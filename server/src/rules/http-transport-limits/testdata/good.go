package upstream

import (
	"net"
	"net/http"
	"time"
)

// Every limit set in the literal.
func configured() *http.Transport {
	return &http.Transport{
		MaxIdleConns:          200,
		MaxIdleConnsPerHost:   100,
		IdleConnTimeout:       90 * time.Second,
		TLSHandshakeTimeout:   2 * time.Second,
		ResponseHeaderTimeout: 3 * time.Second,
	}
}

// The pool and idle settings set, the deadlines left to the client's Timeout, which bounds the
// handshake and the wait for headers of every request.
func boundedByClient() *http.Client {
	tr := &http.Transport{
		MaxIdleConnsPerHost: 64,
		IdleConnTimeout:     90 * time.Second,
	}
	return &http.Client{Transport: tr, Timeout: 10 * time.Second}
}

// The same through the client's field, with the Timeout set afterwards.
func boundedByClientField() *http.Client {
	client := &http.Client{}
	client.Transport = &http.Transport{MaxIdleConnsPerHost: 64, IdleConnTimeout: time.Minute}
	client.Timeout = 30 * time.Second
	return client
}

// Cloning DefaultTransport keeps its limits; only the pool size is raised. No literal at all.
func cloned() *http.Client {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.MaxIdleConnsPerHost = 100
	return &http.Client{Transport: tr, Timeout: 10 * time.Second}
}

// The missing fields assigned after the literal, in the same function.
func assignedAfterwards() *http.Transport {
	tr := &http.Transport{MaxIdleConnsPerHost: 50}
	tr.IdleConnTimeout = time.Minute
	tr.TLSHandshakeTimeout = 5 * time.Second
	tr.ResponseHeaderTimeout = 10 * time.Second
	return tr
}

// Handed to a helper that may set the limits.
func tunedByHelper() *http.Client {
	tr := &http.Transport{}
	applyLimits(tr)
	return &http.Client{Transport: tr, Timeout: 10 * time.Second}
}

func applyLimits(tr *http.Transport) {
	tr.MaxIdleConnsPerHost = 100
	tr.IdleConnTimeout = 90 * time.Second
	tr.TLSHandshakeTimeout = 2 * time.Second
	tr.ResponseHeaderTimeout = 3 * time.Second
}

// A literal passed straight to a constructor: it may fill the limits in.
func wrapped() http.RoundTripper {
	return withLimits(&http.Transport{})
}

func withLimits(tr *http.Transport) http.RoundTripper {
	applyLimits(tr)
	return tr
}

// Stored into a field of another value (not an http.Client literal): its owner configures it.
type pool struct{ transport *http.Transport }

func newPool() *pool {
	p := &pool{}
	p.transport = &http.Transport{}
	return p
}

func newPoolLiteral() *pool {
	return &pool{transport: &http.Transport{}}
}

// A Transport type of our own.
type Transport struct{ Name string }

func own() Transport { return Transport{Name: "grpc"} }

// Connections made by a func literal of its own (here an in-memory pipe): pool sizes and
// handshake timeouts for TCP backends do not apply.
func pipeClient() *http.Client {
	transport := &http.Transport{
		Dial: func(network, addr string) (net.Conn, error) {
			client, _ := net.Pipe()
			return client, nil
		},
	}
	return &http.Client{Transport: transport, Timeout: time.Second}
}
