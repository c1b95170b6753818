package exported

import (
	"log"
	"net/http"
	"net/http/pprof"

	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// An exported helper lets other packages add any route: the routes are out of sight.
type Admin struct {
	admin *http.ServeMux
}

func NewAdmin() *Admin { return &Admin{admin: http.NewServeMux()} }

func (a *Admin) Register(path string, handler http.Handler) { a.admin.Handle(path, handler) }

func (a *Admin) Serve() {
	a.Register("/metrics", promhttp.Handler())
	a.admin.HandleFunc("/debug/pprof/", pprof.Index)
	log.Println(http.ListenAndServe(":9090", a.admin)) // want "http-serve-without-timeouts"
}

// A mux handed to other code may get any route.
type Debug struct {
	debug *http.ServeMux
}

func NewDebug() *Debug { return &Debug{debug: http.NewServeMux()} }

func (d *Debug) Serve(register func(*http.ServeMux)) {
	d.debug.HandleFunc("/debug/pprof/", pprof.Index)
	register(d.debug)
	log.Println(http.ListenAndServe(":9091", d.debug)) // want "http-serve-without-timeouts"
}

// A mux set from elsewhere: its routes are not in this file.
type Given struct {
	given *http.ServeMux
}

func NewGiven(mux *http.ServeMux) *Given { return &Given{given: mux} }

func (g *Given) Serve() {
	g.given.HandleFunc("/debug/pprof/", pprof.Index)
	log.Println(http.ListenAndServe(":9092", g.given)) // want "http-serve-without-timeouts"
}
