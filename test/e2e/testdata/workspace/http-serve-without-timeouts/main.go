package admin

import "net/http"

// Serve runs the admin endpoints until the listener fails.
func Serve(addr string) error {
	mux := http.NewServeMux()
	mux.HandleFunc("/users", func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusNoContent)
	})
	return http.ListenAndServe(addr, mux)
}
