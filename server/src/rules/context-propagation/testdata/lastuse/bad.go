package sessions

import (
	"context"
	"database/sql"
	"net/http"
)

// context.Background() is the file's only use of the context package: the fix that passes the
// request's context instead must remove the import, or the file no longer builds.
func Logout(db *sql.DB, w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	var id int64
	if err := db.QueryRowContext(ctx, "SELECT id FROM sessions WHERE token = $1", r.Header.Get("X-Token")).Scan(&id); err != nil {
		http.Error(w, "no session", http.StatusUnauthorized)
		return
	}
	if _, err := db.ExecContext(context.Background(), "DELETE FROM sessions WHERE id = $1", id); err != nil { // want "context-propagation"
		http.Error(w, err.Error(), http.StatusInternalServerError)
	}
}
