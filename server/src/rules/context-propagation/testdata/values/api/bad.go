package api

import (
	"context"
	"net/http"

	"example.com/panel/repo"
	"example.com/panel/service"
)

var (
	itemService = service.NewIItemService()
	audit       service.IAudit
)

// The service only reads a value from the context, two packages away: information.
func CreateItem(w http.ResponseWriter, r *http.Request) {
	if err := itemService.Create(context.Background(), r.FormValue("name")); err != nil { // want "context-propagation:information"
		w.WriteHeader(http.StatusInternalServerError)
	}
}

// A function of the repository's package that only reads a value: information.
func CreateRaw(w http.ResponseWriter, r *http.Request) {
	_ = repo.TxOf(context.Background()).Insert("x") // want "context-propagation:information"
}

// Each of these cannot be proven, so they stay warnings: a query, a stored context, a goroutine,
// a wait, an interface variable with no constructor, a chain past four calls, a cycle, and a
// constructor's result used directly (the index sees its declared interface type only).
func Unproven(w http.ResponseWriter, r *http.Request) {
	_ = itemService.Rename(context.Background(), "y")     // want "context-propagation"
	_ = itemService.Keep(context.Background())            // want "context-propagation"
	itemService.Spawn(context.Background())               // want "context-propagation"
	_ = itemService.Poll(context.Background())            // want "context-propagation"
	audit.Record(context.Background(), "z")               // want "context-propagation"
	_ = repo.Deep(context.Background())                   // want "context-propagation"
	_ = repo.Ping(context.TODO(), 2)                      // want "context-propagation"
	_ = repo.NewIRepo().Create(context.Background(), "x") // want "context-propagation"
}
