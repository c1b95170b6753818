package client

import (
	"io"
	"net/http"
	"net/url"
	"strings"
)

var wrapClient = &http.Client{}

// wrapPostForm hands back the client's response as it got it.
func wrapPostForm(endpoint string, data url.Values) (*http.Response, error) {
	req, err := http.NewRequest(http.MethodPost, endpoint, strings.NewReader(data.Encode()))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	res, err := wrapClient.Do(req)
	return res, err
}

// wrapGet returns net/http's response directly.
func wrapGet(u string) (*http.Response, error) {
	return http.Get(u)
}

// wrapFetch is a wrapper of a wrapper.
func wrapFetch(u string) (*http.Response, error) {
	return wrapGet(u)
}

// wrapSend takes the request's method from its caller.
func wrapSend(method, u string) (*http.Response, error) {
	req, err := http.NewRequest(method, u, nil)
	if err != nil {
		return nil, err
	}
	return http.DefaultClient.Do(req)
}

// wrapAPI's post reads the cookies, then returns the response untouched.
type wrapAPI struct {
	base   *url.URL
	client http.Client
}

func (a *wrapAPI) post(path string, data url.Values) (*http.Response, error) {
	u := a.base.JoinPath(path)
	req, err := http.NewRequest("POST", u.String(), strings.NewReader(data.Encode()))
	if err != nil {
		return nil, err
	}
	resp, err := a.client.Do(req)
	if err != nil {
		return nil, err
	}
	if resp.Cookies() != nil {
		a.client.Jar.SetCookies(u, resp.Cookies())
	}
	return resp, nil
}

// Thrown away: nobody can close the body.
func wrapMakeDir(name string) error {
	_, err := wrapPostForm("https://example.com/createfolder", url.Values{"name": {name}}) // want "http-response-body-close"
	return err
}

// A header read, the body never closed.
func wrapLink(id string) (string, error) {
	res, err := wrapGet("https://example.com/files/" + id) // want "http-response-body-close"
	if err != nil {
		return "", err
	}
	return res.Header.Get("Location"), nil
}

// A method wrapper, only the status read.
func (a *wrapAPI) authorized() bool {
	resp, err := a.post("/api/v2/app/version", nil) // want "http-response-body-close"
	if err != nil {
		return false
	}
	return resp.StatusCode == http.StatusOK
}

// Two levels of wrappers.
func wrapStatus(u string) (int, error) {
	resp, err := wrapFetch(u) // want "http-response-body-close"
	if err != nil {
		return 0, err
	}
	return resp.StatusCode, nil
}

// Closed, but a bad status returns first.
func (a *wrapAPI) remove(id string) error {
	resp, err := a.post("/api/v2/delete", url.Values{"id": {id}}) // want "http-response-body-close"
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		return io.ErrUnexpectedEOF
	}
	resp.Body.Close()
	return nil
}

// Read to the end, never closed: information, as for a direct call.
func wrapList(u string) ([]byte, error) {
	res, err := wrapGet(u) // want "http-response-body-close:information"
	if err != nil {
		return nil, err
	}
	data, err := io.ReadAll(res.Body)
	if err != nil {
		return nil, err
	}
	return data, nil
}

// A HEAD request through the wrapper's method parameter: no body, information.
func wrapExists(u string) error {
	_, err := wrapSend(http.MethodHead, u) // want "http-response-body-close:information"
	return err
}

// The same wrapper asked for a GET: the body is there and leaks.
func wrapPing(u string) error {
	_, err := wrapSend(http.MethodGet, u) // want "http-response-body-close"
	return err
}

// Received with `=` into a variable declared before.
func wrapAssigned(u string) (int, error) {
	var resp *http.Response
	var err error
	resp, err = wrapGet(u) // want "http-response-body-close"
	if err != nil {
		return 0, err
	}
	return resp.StatusCode, nil
}
