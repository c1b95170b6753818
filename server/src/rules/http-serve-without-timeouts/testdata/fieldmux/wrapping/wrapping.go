package wrapping

import (
	"log"
	"net/http"
	"net/http/pprof"
)

// The helper wraps the handler it is given: what it registers is not the argument.
type Limited struct {
	limited *http.ServeMux
}

func NewLimited() *Limited { return &Limited{limited: http.NewServeMux()} }

func (l *Limited) handle(pattern string, handler http.HandlerFunc) {
	handler = l.limit(handler)
	l.limited.HandleFunc(pattern, handler)
}

func (l *Limited) limit(next http.HandlerFunc) http.HandlerFunc { return next }

func (l *Limited) Serve() {
	l.handle("/debug/pprof/", pprof.Index)
	log.Println(http.ListenAndServe(":6061", l.limited)) // want "http-serve-without-timeouts"
}
