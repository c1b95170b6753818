package torrent

import (
	"net/http"
	"time"
)

// A setter method sets the Timeout.
type withSetter struct {
	hc http.Client
}

func newWithSetter() *withSetter {
	return &withSetter{hc: http.Client{}}
}

func (s *withSetter) SetTimeout(d time.Duration) { s.hc.Timeout = d }

func (s *withSetter) get(url string) (*http.Response, error) { return s.hc.Get(url) }

// An exported field: other packages can set its Timeout.
type Exported struct {
	Client http.Client
}

func NewExported() *Exported { return &Exported{Client: http.Client{}} }

func (e *Exported) get(url string) (*http.Response, error) { return e.Client.Get(url) }

// The field is replaced elsewhere in the package.
type replaced struct {
	rc http.Client
}

func newReplaced() *replaced { return &replaced{rc: http.Client{}} }

func (r *replaced) configure(timeout time.Duration) { r.rc = http.Client{Timeout: timeout} }

func (r *replaced) get(url string) (*http.Response, error) { return r.rc.Get(url) }

// The client is handed out by address: its holder may set the Timeout.
type handedOut struct {
	shared http.Client
}

func newHandedOut() *handedOut { return &handedOut{shared: http.Client{}} }

func (h *handedOut) HTTPClient() *http.Client { return &h.shared }

func (h *handedOut) get(url string) (*http.Response, error) { return h.shared.Get(url) }

// A pointer field: copies of the pointer reach code the index does not follow.
type pointerField struct {
	pc *http.Client
}

func newPointerField() *pointerField { return &pointerField{pc: &http.Client{}} }

func (p *pointerField) get(url string) (*http.Response, error) { return p.pc.Get(url) }

// No request is sent through the field in this package: the literal is only handed on as a copy.
type template struct {
	proto http.Client
}

func newTemplate() *template { return &template{proto: http.Client{}} }

func (t *template) clone() http.Client { return t.proto }

// Configured through a nested selector in a closure (an option function).
type optioned struct {
	oc http.Client
}

type option func(*optioned)

func withTimeout(d time.Duration) option { return func(o *optioned) { o.oc.Timeout = d } }

func newOptioned(opts ...option) *optioned {
	o := &optioned{oc: http.Client{}}
	for _, opt := range opts {
		opt(o)
	}
	return o
}

func (o *optioned) get(url string) (*http.Response, error) { return o.oc.Get(url) }

// The Timeout is already in the literal.
type bounded struct {
	bc http.Client
}

func newBounded() *bounded { return &bounded{bc: http.Client{Timeout: 10 * time.Second}} }

func (b *bounded) get(url string) (*http.Response, error) { return b.bc.Get(url) }
