package client

import (
	"net/http"
	"testing"
)

// Tests call httptest servers that answer at once.
func TestGet(t *testing.T) {
	resp, err := http.Get("http://127.0.0.1:1/")
	if err == nil {
		resp.Body.Close()
	}
	_ = &http.Client{}
}
