// go.mod says go 1.12: http.NewRequestWithContext (Go 1.13) does not exist yet, so the fix would not compile.
package oldgo

import (
	"context"
	"net/http"
)

func get(ctx context.Context, client *http.Client, url string) (*http.Response, error) {
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	return client.Do(req)
}
