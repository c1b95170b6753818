package users

import (
	"encoding/json"
	"fmt"
	"net/http"
)

type APIClient struct {
	client *http.Client
}

func (c *APIClient) User(url string) (*User, error) {
	resp, err := c.client.Get(url)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("get user: %s", resp.Status)
	}
	var u User
	err = json.NewDecoder(resp.Body).Decode(&u)
	resp.Body.Close()
	return &u, err
}

type User struct{ ID int64 }
