package client

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"sync"

	"example.com/base"
)

// Doer is an interface: whatever implements it is not followed.
type Doer interface {
	Do(req *http.Request) (*http.Response, error)
}

// Gateway talks through an interface, as code written for mocking does.
type Gateway struct {
	doer Doer
}

// Cache has a Get method of its own that returns no response.
type Cache struct {
	mu    sync.Mutex
	items map[string]string
}

func (c *Cache) Get(key string) (string, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	v, ok := c.items[key]
	return v, ok
}

// Page keeps the response open for whoever reads it later.
type Page struct {
	resp *http.Response
}

// The usual shape: error check, then a deferred Close.
func deferAfterErrorCheck(client *http.Client, req *http.Request) ([]byte, error) {
	resp, err := client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("unexpected status %s", resp.Status)
	}
	return io.ReadAll(resp.Body)
}

// Close inside a deferred closure that drops the error.
func deferredClosure(url string) (int, error) {
	resp, err := http.Get(url)
	if err != nil {
		return 0, err
	}
	defer func() { _ = resp.Body.Close() }()
	return resp.StatusCode, nil
}

// Drain, then close, both deferred (defers run last-in first-out, so the drain runs first).
func drainDeferred(url string) (int, error) {
	resp, err := http.Get(url)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	defer io.Copy(io.Discard, resp.Body)
	return resp.StatusCode, nil
}

func drainAndClose(resp *http.Response) {
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
}

func closeQuietly(c io.Closer) {
	if err := c.Close(); err != nil {
		log.Printf("close: %v", err)
	}
}

func closeLogged(close func() error) {
	if err := close(); err != nil {
		log.Print(err)
	}
}

// A deferred helper taking the response.
func deferredHelperResponse(url string) (int, error) {
	resp, err := http.Head(url)
	if err != nil {
		return 0, err
	}
	defer drainAndClose(resp)
	return resp.StatusCode, nil
}

// A deferred helper taking the body.
func deferredHelperBody(url string) ([]byte, error) {
	resp, err := http.Get(url)
	if err != nil {
		return nil, err
	}
	defer closeQuietly(resp.Body)
	return io.ReadAll(resp.Body)
}

// A deferred helper taking the Close method value.
func deferredMethodValue(url string) ([]byte, error) {
	resp, err := http.Get(url)
	if err != nil {
		return nil, err
	}
	defer closeLogged(resp.Body.Close)
	return io.ReadAll(resp.Body)
}

// The response is returned: the caller closes the body.
func returnedDirectly(client *http.Client, req *http.Request) (*http.Response, error) {
	return client.Do(req)
}

// The response is returned through a variable, after a status check.
func returnedVariable(ctx context.Context, client *http.Client, url string) (*http.Response, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	resp, err := client.Do(req)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		resp.Body.Close()
		return nil, fmt.Errorf("status %d", resp.StatusCode)
	}
	return resp, nil
}

func decodeInto(resp *http.Response, v any) error {
	defer resp.Body.Close()
	return json.NewDecoder(resp.Body).Decode(v)
}

// The response is passed to a function, which takes ownership.
func passedToHelper(url string, v any) error {
	resp, err := http.Get(url)
	if err != nil {
		return err
	}
	return decodeInto(resp, v)
}

type feedReader struct {
	body io.ReadCloser
}

func newFeedReader(body io.ReadCloser) *feedReader {
	return &feedReader{body: body}
}

// The body is handed to a helper of this package that keeps it (an io.ReadCloser).
func bodyHandedOn(url string) (*feedReader, error) {
	resp, err := http.Get(url)
	if err != nil {
		return nil, err
	}
	return newFeedReader(resp.Body), nil
}

// The response is stored in a struct field.
func storedInStruct(url string) (*Page, error) {
	resp, err := http.Get(url)
	if err != nil {
		return nil, err
	}
	return &Page{resp: resp}, nil
}

// The response is sent on a channel.
func sentOnChannel(url string, out chan<- *http.Response) error {
	resp, err := http.Get(url)
	if err != nil {
		return err
	}
	out <- resp
	return nil
}

// The body is kept in a variable that is closed later.
func bodyInVariable(url string) ([]byte, error) {
	var rc io.ReadCloser
	resp, err := http.Get(url)
	if err != nil {
		return nil, err
	}
	rc = resp.Body
	defer rc.Close()
	return io.ReadAll(rc)
}

// Closed explicitly on every path out.
func closedOnEveryPath(client *http.Client, url string) ([]byte, error) {
	resp, err := client.Get(url)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		resp.Body.Close()
		return nil, fmt.Errorf("status %d", resp.StatusCode)
	}
	var buf bytes.Buffer
	_, err = buf.ReadFrom(resp.Body)
	resp.Body.Close()
	return buf.Bytes(), err
}

// Closed in each iteration, on every path.
func loopClosesEachTime(client *http.Client, urls []string) int {
	ok := 0
	for _, u := range urls {
		resp, err := client.Get(u)
		if err != nil {
			continue
		}
		resp.Body.Close()
		if resp.StatusCode == http.StatusOK {
			ok++
		}
	}
	return ok
}

// Each iteration runs in a function literal that defers the Close.
func loopWithFuncLiteral(client *http.Client, urls []string) {
	for _, u := range urls {
		func() {
			resp, err := client.Get(u)
			if err != nil {
				return
			}
			defer resp.Body.Close()
			io.Copy(io.Discard, resp.Body)
		}()
	}
}

// Detached work closes the body at a time this function cannot see.
func closedInGoroutine(url string) error {
	resp, err := http.Get(url)
	if err != nil {
		return err
	}
	go func() {
		defer resp.Body.Close()
		io.Copy(io.Discard, resp.Body)
	}()
	return nil
}

// Closed only when non-nil: the rule does not guess about conditional closes.
func conditionalClose(url string) error {
	resp, err := http.Get(url)
	if resp != nil {
		defer resp.Body.Close()
	}
	return err
}

// Sequential requests reusing the variable, each closed by a defer.
func twoRequests(client *http.Client, a, b string) error {
	resp, err := client.Get(a)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	resp, err = client.Get(b)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	return nil
}

// An interface-typed client: the rule cannot tell what Do returns in this package.
func (g *Gateway) Send(req *http.Request) (int, error) {
	resp, err := g.doer.Do(req)
	if err != nil {
		return 0, err
	}
	return resp.StatusCode, nil
}

// Get methods that are not requests.
func notRequests(c *Cache, r *http.Request) string {
	v, _ := c.Get("key")
	q := r.URL.Query().Get("q")
	h := r.Header.Get("X-Request-Id")
	return v + q + h
}

// A recorded response in a handler test helper: its body is an in-memory buffer.
func recordedStatus(h http.Handler) int {
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/", nil))
	res := rec.Result()
	return res.StatusCode
}

// A Do of another package's variable that is not given an *http.Request sends no HTTP request.
func runJob(job string) error {
	_, err := base.Pool.Do(job)
	return err
}

// A HEAD request whose Close a bad-status return skips: its connection is already free.
func headStatus(client *http.Client, url string) (int, error) {
	resp, err := client.Head(url)
	if err != nil {
		return 0, err
	}
	if resp.StatusCode != http.StatusOK {
		return resp.StatusCode, nil
	}
	resp.Body.Close()
	return resp.StatusCode, nil
}
