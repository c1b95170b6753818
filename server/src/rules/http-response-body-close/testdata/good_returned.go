package client

import (
	"errors"
	"net/http"
)

// Returned on every path that has it: the caller closes the body.
func fetchPlain(client *http.Client, req *http.Request) (*http.Response, error) {
	resp, err := client.Do(req)
	if err != nil {
		return nil, err
	}
	return resp, nil
}

// Returned on the error path too (a redirect error comes with a closed body).
func fetchWithError(client *http.Client, url string) (*http.Response, error) {
	resp, err := client.Get(url)
	if err != nil {
		return resp, err
	}
	return resp, nil
}

// Closed in a defer before the early return, returned on the other path.
func fetchDeferredOnFailure(client *http.Client, req *http.Request) (*http.Response, error) {
	resp, err := client.Do(req)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode == http.StatusNotFound {
		defer resp.Body.Close()
		return nil, errors.New("not found")
	}
	return resp, nil
}

// Returned from the bad-status branch as well: every exit hands it over.
func fetchAlwaysReturned(client *http.Client, req *http.Request) (*http.Response, error) {
	resp, err := client.Do(req)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode == http.StatusNotFound {
		return resp, errors.New("not found")
	}
	return resp, nil
}

// Handed to a helper that closes it before the early return.
func fetchDrainedOnFailure(client *http.Client, req *http.Request) (*http.Response, error) {
	resp, err := client.Do(req)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode == http.StatusNotFound {
		drainAndClose(resp)
		return nil, errors.New("not found")
	}
	return resp, nil
}

// Returned from a func literal: that return is the literal's, and where the body goes from there
// is not told (the rule gives up on the function, as before).
func fetchThroughLiteral(client *http.Client, req *http.Request) (*http.Response, error) {
	resp, err := client.Do(req)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode == http.StatusNotFound {
		return nil, errors.New("not found")
	}
	get := func() *http.Response { return resp }
	return get(), nil
}

// Returned only in a branch: which of the other paths drop it is not told; silent.
func fetchIfOK(client *http.Client, req *http.Request) (*http.Response, error) {
	resp, err := client.Do(req)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode == http.StatusOK {
		return resp, nil
	}
	resp.Body.Close()
	return nil, errors.New(resp.Status)
}
