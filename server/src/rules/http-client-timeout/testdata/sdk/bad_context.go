package sdk

import (
	"context"
	"net/http"

	"example.com/metadata"
)

// The client goes to another package's call together with the caller's ctx, which bounds that
// call: the bound is the caller's to set (information).
func containerMetadata(ctx context.Context) (*metadata.Container, error) {
	return metadata.GetContainer(ctx, &http.Client{}) // want "http-client-timeout:information"
}
