package client

import (
	"context"
	"errors"
	"io"
	"net/http"
	"time"

	"example.com/base"
)

// The client's Timeout ends the request, so the body the bad-status return skips is held until
// then rather than for good: information.
func versionList(url string) ([]byte, error) {
	client := http.Client{Timeout: 5 * time.Second}
	resp, err := client.Get(url) // want "http-response-body-close:information"
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		return nil, errors.New(resp.Status)
	}
	defer resp.Body.Close()
	return io.ReadAll(resp.Body)
}

// The same with a package-level client that has a Timeout.
var boundedClient = &http.Client{Timeout: 5 * time.Second}

func latestVersion(url string) ([]byte, error) {
	resp, err := boundedClient.Get(url) // want "http-response-body-close:information"
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		return nil, errors.New(resp.Status)
	}
	defer resp.Body.Close()
	return io.ReadAll(resp.Body)
}

// A deadline set here on the request's context ends it the same way.
func getWithDeadline(client *http.Client, url string) ([]byte, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	resp, err := client.Do(req) // want "http-response-body-close:information"
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		return nil, errors.New(resp.Status)
	}
	defer resp.Body.Close()
	return io.ReadAll(resp.Body)
}

// A client of another package whose type the index cannot see: a Do given an *http.Request still
// returns a response, and throwing it away leaves its body open.
func upload(url string, body io.Reader) error {
	req, err := http.NewRequest(http.MethodPost, url, body)
	if err != nil {
		return err
	}
	_, err = base.HttpClient.Do(req) // want "http-response-body-close"
	return err
}

// A HEAD response has no body, and the Transport frees its connection before returning it:
// an unclosed Body holds nothing, but net/http still asks for the Close.
func contentMD5(u string) string {
	req, _ := http.NewRequest(http.MethodHead, u, nil)
	resp, err := base.HttpClient.Do(req) // want "http-response-body-close:information"
	if err != nil {
		return ""
	}
	return resp.Header.Get("Content-Md5")
}

func touchAll(client *http.Client, urls []string) {
	for _, u := range urls {
		client.Head(u) // want "http-response-body-close:information"
	}
}
