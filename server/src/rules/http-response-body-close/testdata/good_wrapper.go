package client

import (
	"bytes"
	"errors"
	"io"
	"net/http"
	"time"
)

// A wrapper's response closed by its caller, the usual way.
func wrapClosed(u string) (int, error) {
	resp, err := wrapGet(u)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	return resp.StatusCode, nil
}

// A wrapper's response returned on: the caller's caller owns it.
func wrapPassOn(u string) (*http.Response, error) {
	resp, err := wrapGet(u)
	if err != nil {
		return nil, err
	}
	return resp, nil
}

// wrapDrained reads and closes the body before it returns the response: its callers hold nothing.
func wrapDrained(u string) (*http.Response, error) {
	res, err := wrapClient.Get(u)
	if err != nil {
		return nil, err
	}
	_, _ = io.Copy(io.Discard, res.Body)
	res.Body.Close()
	return res, nil
}

func wrapUseDrained(u string) int {
	r, err := wrapDrained(u)
	if err != nil {
		return 0
	}
	return r.StatusCode
}

// wrapBuffered replaces the body with one in memory, after closing the original.
func wrapBuffered(u string) (*http.Response, error) {
	res, err := wrapClient.Get(u)
	if err != nil {
		return nil, err
	}
	defer res.Body.Close()
	data, err := io.ReadAll(res.Body)
	if err != nil {
		return nil, err
	}
	res.Body = io.NopCloser(bytes.NewReader(data))
	return res, nil
}

func wrapUseBuffered(u string) int {
	r, err := wrapBuffered(u)
	if err != nil {
		return 0
	}
	return r.StatusCode
}

var wrapCached *http.Response

// wrapMaybeCached can return a response it made no request for.
func wrapMaybeCached(u string) (*http.Response, error) {
	if wrapCached != nil {
		return wrapCached, nil
	}
	return wrapClient.Get(u)
}

func wrapUseCached(u string) int {
	r, err := wrapMaybeCached(u)
	if err != nil {
		return 0
	}
	return r.StatusCode
}

// wrapFallback hands back a response of its own making when the request fails.
func wrapFallback(u string) (*http.Response, error) {
	res, err := wrapClient.Get(u)
	if err != nil {
		return &http.Response{StatusCode: http.StatusServiceUnavailable, Body: http.NoBody}, nil
	}
	return res, nil
}

func wrapUseFallback(u string) int {
	r, _ := wrapFallback(u)
	return r.StatusCode
}

// wrapChecked passes the response to a function of its own before returning it.
func wrapChecked(u string) (*http.Response, error) {
	res, err := wrapClient.Get(u)
	if err != nil {
		return nil, err
	}
	if err := wrapCheck(res); err != nil {
		return nil, err
	}
	return res, nil
}

func wrapCheck(res *http.Response) error {
	if res.StatusCode >= 400 {
		res.Body.Close()
		return errors.New(res.Status)
	}
	return nil
}

func wrapUseChecked(u string) int {
	r, err := wrapChecked(u)
	if err != nil {
		return 0
	}
	return r.StatusCode
}

// wrapNamed has a bare return, which can hand back whatever its named result holds.
func wrapNamed(u string) (res *http.Response, err error) {
	if wrapCached != nil {
		res = wrapCached
		return
	}
	return wrapClient.Get(u)
}

func wrapUseNamed(u string) int {
	r, err := wrapNamed(u)
	if err != nil {
		return 0
	}
	return r.StatusCode
}

// wrapVia calls a function value it is given: what it returns is not known.
func wrapVia(do func(*http.Request) (*http.Response, error), req *http.Request) (*http.Response, error) {
	return do(req)
}

func wrapUseVia(req *http.Request) int {
	r, err := wrapVia(wrapClient.Do, req)
	if err != nil {
		return 0
	}
	return r.StatusCode
}

// wrapStub has a Do of its own that makes no request.
type wrapStub struct{}

func (wrapStub) Do(req *http.Request) (*http.Response, error) {
	return &http.Response{StatusCode: http.StatusOK, Body: http.NoBody, Request: req}, nil
}

type wrapStubbed struct {
	doer wrapStub
}

func (s *wrapStubbed) send(req *http.Request) (*http.Response, error) {
	return s.doer.Do(req)
}

func (s *wrapStubbed) status(req *http.Request) int {
	r, err := s.send(req)
	if err != nil {
		return 0
	}
	return r.StatusCode
}

// wrapRetry keeps the last of several responses in a variable assigned twice: not followed.
func wrapRetry(u string) (*http.Response, error) {
	res, err := wrapClient.Get(u)
	if err != nil {
		time.Sleep(time.Second)
		res, err = wrapClient.Get(u)
	}
	return res, err
}

func wrapUseRetry(u string) int {
	r, err := wrapRetry(u)
	if err != nil {
		return 0
	}
	return r.StatusCode
}

// A HEAD request through a wrapper, closed by the caller.
func wrapHead(u string) (*http.Response, error) {
	return wrapClient.Head(u)
}

func wrapContentLength(u string) string {
	r, err := wrapHead(u)
	if err != nil {
		return ""
	}
	defer r.Body.Close()
	return r.Header.Get("Content-Length")
}
