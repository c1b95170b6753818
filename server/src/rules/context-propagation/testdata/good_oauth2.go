package orders

import (
	"context"
	"net/http"

	"golang.org/x/oauth2"
)

var oauthConfig = &oauth2.Config{ClientID: "id", Endpoint: oauth2.Endpoint{TokenURL: "https://auth.example.com/token"}}

// The client keeps its context for every later token refresh: it must outlive the request, so a
// Background context is the right one, even with the request's context in reach.
func profile(w http.ResponseWriter, r *http.Request, token *oauth2.Token) {
	client := oauthConfig.Client(context.Background(), token)
	req, err := http.NewRequestWithContext(r.Context(), http.MethodGet, "https://api.example.com/me", nil)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	resp, err := client.Do(req)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	defer resp.Body.Close()
	w.WriteHeader(resp.StatusCode)
}

// The same through oauth2.NewClient and a token source.
func sourced(r *http.Request, ts oauth2.TokenSource) (*http.Response, error) {
	client := oauth2.NewClient(context.Background(), ts)
	req, err := http.NewRequestWithContext(r.Context(), http.MethodGet, "https://api.example.com/me", nil)
	if err != nil {
		return nil, err
	}
	return client.Do(req)
}
