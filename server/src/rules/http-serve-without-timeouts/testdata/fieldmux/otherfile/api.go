package otherfile

import "net/http"

func (s *Server) api() {
	s.mux.HandleFunc("/api/orders", func(w http.ResponseWriter, r *http.Request) {})
}
