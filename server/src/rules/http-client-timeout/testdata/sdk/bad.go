package sdk

import (
	"net/http"

	"example.com/storage"
)

// Another package's constructor uses the client as it is given: nothing sets its Timeout.
func newStore(endpoint string) *storage.Client {
	return storage.NewClient(endpoint, &http.Client{}) // want "http-client-timeout"
}
