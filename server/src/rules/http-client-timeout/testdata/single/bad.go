package fetch

import "net/http"

// One import on its own line: the fix turns it into a block with time.
var client = &http.Client{} // want "http-client-timeout"

func Get(url string) (*http.Response, error) {
	return client.Get(url)
}
