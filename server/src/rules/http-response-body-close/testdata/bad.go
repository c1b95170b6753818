package client

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/url"
	"time"
)

// APIClient keeps its *http.Client in a field; the index knows the field's type.
type APIClient struct {
	base   string
	client *http.Client
}

type User struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
}

var apiClient = &http.Client{Timeout: 5 * time.Second}

// Only the status code is read; the body is never closed.
func isUp(url string) (bool, error) {
	resp, err := http.Get(url) // want "http-response-body-close"
	if err != nil {
		return false, err
	}
	return resp.StatusCode == http.StatusOK, nil
}

// The classic bug: the non-200 return skips the Close at the end.
func (c *APIClient) FetchUser(ctx context.Context, id int64) (*User, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, fmt.Sprintf("%s/users/%d", c.base, id), nil)
	if err != nil {
		return nil, err
	}
	resp, err := c.client.Do(req) // want "http-response-body-close"
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("fetch user %d: %s", id, resp.Status)
	}
	var user User
	err = json.NewDecoder(resp.Body).Decode(&user)
	resp.Body.Close()
	return &user, err
}

// A parameter of type *http.Client; decoding does not close the body.
func decodeUsers(client *http.Client, req *http.Request) ([]User, error) {
	resp, err := client.Do(req) // want "http-response-body-close"
	if err != nil {
		return nil, fmt.Errorf("list users: %w", err)
	}
	var users []User
	if err := json.NewDecoder(resp.Body).Decode(&users); err != nil {
		return nil, err
	}
	return users, nil
}

// The deferred Close comes after an early return on a bad status.
func lateDefer(ctx context.Context, endpoint string) ([]byte, error) {
	resp, err := http.DefaultClient.Post(endpoint, "application/json", nil) // want "http-response-body-close"
	if err != nil {
		return nil, err
	}
	if resp.StatusCode >= 500 {
		return nil, errors.New("server error")
	}

	defer resp.Body.Close()
	return io.ReadAll(resp.Body)
}

func parseUsers(r io.Reader) ([]User, error) {
	var users []User
	err := json.NewDecoder(r).Decode(&users)
	return users, err
}

// A helper taking an io.Reader reads the body but cannot close it.
func listUsers(endpoint string) ([]User, error) {
	resp, err := apiClient.Get(endpoint) // want "http-response-body-close"
	if err != nil {
		log.Fatalf("list users: %v", err)
	}
	return parseUsers(resp.Body)
}

// In a loop the bad-status `continue` skips the Close.
func pingAll(urls []string) int {
	healthy := 0
	for _, u := range urls {
		resp, err := http.Get(u) // want "http-response-body-close"
		if err != nil {
			continue
		}
		if resp.StatusCode != http.StatusOK {
			continue
		}
		healthy++
		resp.Body.Close()
	}
	return healthy
}

// In a loop nothing closes the bodies, though each is read to the end, which releases its
// connection: information.
func fetchAll(client *http.Client, urls []string) [][]byte {
	var bodies [][]byte
	for _, u := range urls {
		resp, err := client.Get(u) // want "http-response-body-close:information"
		if err != nil {
			continue
		}
		body, _ := io.ReadAll(resp.Body)
		bodies = append(bodies, body)
	}
	return bodies
}

// Inside a handler closure.
func proxyHandler(client *http.Client, upstream string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		resp, err := client.Get(upstream + r.URL.Path) // want "http-response-body-close"
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadGateway)
			return
		}
		w.WriteHeader(resp.StatusCode)
		io.Copy(w, resp.Body)
	}
}

// The error is dropped: no fix, the response may be nil.
func fireAndForget(url string) int {
	resp, _ := http.Get(url) // want "http-response-body-close"
	return resp.StatusCode
}

// The response is thrown away.
func notify(client *http.Client, hook string) error {
	_, err := client.Post(hook, "text/plain", nil) // want "http-response-body-close"
	return err
}

func warmUp(url string) {
	http.Get(url) // want "http-response-body-close"
}
