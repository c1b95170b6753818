package files

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"os"
)

// Every path to the next page reads the body to its end, which frees its connection: the
// deferred Close holds nothing that matters, so this is information.
func allPages(client *http.Client, urls []string) ([][]byte, error) {
	var pages [][]byte
	for _, u := range urls {
		resp, err := client.Get(u)
		if err != nil {
			return nil, err
		}
		defer resp.Body.Close() // want "defer-in-loop:information"

		if resp.StatusCode != http.StatusOK {
			body, _ := io.ReadAll(resp.Body)
			return nil, errors.New(string(body))
		}

		body, err := io.ReadAll(resp.Body)
		if err != nil {
			return nil, err
		}
		pages = append(pages, body)
	}
	return pages, nil
}

// A raw body kept in a variable (resty's RawBody), read to its end in the if's initializer.
type rawResponse interface{ RawBody() io.ReadCloser }

func retryUpload(send func() (rawResponse, error)) ([]byte, error) {
	for {
		resp, err := send()
		if err != nil {
			return nil, err
		}
		data := resp.RawBody()
		defer data.Close() // want "defer-in-loop:information"
		var body []byte
		if body, err = io.ReadAll(data); err != nil {
			return nil, err
		}
		if len(body) > 0 {
			return body, nil
		}
	}
}

// A `continue` before the read skips it: that iteration's connection is held until the return.
func skipsTheRead(client *http.Client, urls []string) int {
	n := 0
	for _, u := range urls {
		resp, err := client.Get(u)
		if err != nil {
			continue
		}
		defer resp.Body.Close() // want "defer-in-loop"
		if resp.StatusCode != http.StatusOK {
			continue
		}
		body, _ := io.ReadAll(resp.Body)
		n += len(body)
	}
	return n
}

// A JSON decoder stops at the end of the value, not of the body: the connection stays out of the
// pool until the Close.
func decodePages(client *http.Client, urls []string) ([]map[string]any, error) {
	var out []map[string]any
	for _, u := range urls {
		resp, err := client.Get(u)
		if err != nil {
			return nil, err
		}
		defer resp.Body.Close() // want "defer-in-loop"
		var page map[string]any
		if err := json.NewDecoder(resp.Body).Decode(&page); err != nil {
			return nil, err
		}
		out = append(out, page)
	}
	return out, nil
}

// A file read to its end still holds its descriptor until it is closed.
func readFiles(paths []string) ([][]byte, error) {
	var out [][]byte
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			return nil, err
		}
		defer f.Close() // want "defer-in-loop"
		b, err := io.ReadAll(f)
		if err != nil {
			return nil, err
		}
		out = append(out, b)
	}
	return out, nil
}
