package sessions

import (
	"context"
	"database/sql"
	"net/http"
)

// Two uses of the context package, each fixed: one fix alone keeps the import (the other use
// remains), both together remove it.
func Rotate(db *sql.DB, w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	var id int64
	if err := db.QueryRowContext(ctx, "SELECT id FROM sessions WHERE token = $1", r.Header.Get("X-Token")).Scan(&id); err != nil {
		http.Error(w, "no session", http.StatusUnauthorized)
		return
	}
	if _, err := db.ExecContext(context.Background(), "DELETE FROM sessions WHERE id = $1", id); err != nil { // want "context-propagation"
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	if _, err := db.ExecContext(context.TODO(), "INSERT INTO sessions (user_id) SELECT user_id FROM users WHERE session_id = $1", id); err != nil { // want "context-propagation"
		http.Error(w, err.Error(), http.StatusInternalServerError)
	}
}
