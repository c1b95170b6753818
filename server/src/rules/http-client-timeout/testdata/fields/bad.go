package torrent

import (
	"net/http"
	"net/http/cookiejar"
	"net/url"
)

// The qBittorrent client of a download tool: the literal in the unexported field is the client
// every request goes through, and nothing in the package ever sets its Timeout.
type webui struct {
	base   *url.URL
	client http.Client
}

func newWebUI(base *url.URL) (*webui, error) {
	jar, err := cookiejar.New(nil)
	if err != nil {
		return nil, err
	}
	return &webui{
		base:   base,
		client: http.Client{Jar: jar}, // want "http-client-timeout"
	}, nil
}

func (w *webui) version() (int, error) {
	resp, err := w.client.Get(w.base.JoinPath("/api/v2/app/version").String())
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	// Reading the cookie jar and copying the client out changes nothing in the field.
	_ = w.client.Jar
	logClient(w.client)
	return resp.StatusCode, nil
}

func logClient(c http.Client) {}

// A Transport that bounds the headers only: information.
type feed struct {
	http http.Client
}

func newFeed() *feed {
	return &feed{http: http.Client{Transport: &http.Transport{ResponseHeaderTimeout: 5e9}}} // want "http-client-timeout:information"
}

func (f *feed) fetch(req *http.Request) (*http.Response, error) {
	return f.http.Do(req)
}
