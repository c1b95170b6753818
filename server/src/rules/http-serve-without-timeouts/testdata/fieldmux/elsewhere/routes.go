package elsewhere

import "net/http"

func addAPI(s *Server) {
	s.handle("/api/orders", func(w http.ResponseWriter, r *http.Request) {})
}
