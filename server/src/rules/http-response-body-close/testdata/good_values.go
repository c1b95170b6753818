package client

import (
	"errors"
	"io"
	"net/http"
)

// The first response is closed before the retry replaces it.
func retryAfterClose(client *http.Client, url string) ([]byte, error) {
	resp, err := client.Get(url)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode == http.StatusServiceUnavailable {
		resp.Body.Close()
		resp, err = client.Get(url)
		if err != nil {
			return nil, err
		}
	}
	defer resp.Body.Close()
	return io.ReadAll(resp.Body)
}

// A cleanup closure kept in a variable and called on the way out.
func cleanupCalled(client *http.Client, url string) (int, error) {
	resp, err := client.Get(url)
	if err != nil {
		return 0, err
	}
	cleanup := func() { resp.Body.Close() }
	defer cleanup()
	return resp.StatusCode, nil
}

// A literal taking the body, deferred: it closes what it receives.
func closedByDeferredLiteral(url string) error {
	resp, err := http.Get(url)
	if err != nil {
		return err
	}
	defer func(body io.ReadCloser) { body.Close() }(resp.Body)
	return nil
}

// A literal closing the body, called on the spot before the function goes on.
func closedOnTheSpot(client *http.Client, url string) (int, error) {
	resp, err := client.Get(url)
	if err != nil {
		return 0, err
	}
	status := resp.StatusCode
	func() { resp.Body.Close() }()
	return status, nil
}

// A loop written with goto: the Close above the label runs for every response but the last,
// which is closed before giving up. The order of the text says nothing here, so every use counts.
func pollUntilGiveUp(client *http.Client, url string) error {
	var resp *http.Response
	var err error
	tries := 0
again:
	if resp != nil {
		resp.Body.Close()
	}
	if tries == 3 {
		return errors.New("gave up")
	}
	tries++
	resp, err = client.Get(url)
	if err != nil {
		return err
	}
	goto again
}

// The same with a for loop: a use above the request runs again after it, on the next round.
func pollInLoop(client *http.Client, url string) error {
	var resp *http.Response
	for tries := 0; ; tries++ {
		if resp != nil {
			resp.Body.Close()
		}
		if tries == 3 {
			return errors.New("gave up")
		}
		var err error
		resp, err = client.Get(url)
		if err != nil {
			return err
		}
	}
}
