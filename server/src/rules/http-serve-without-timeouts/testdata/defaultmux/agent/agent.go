package agent

import (
	"fmt"
	"log"
	"net/http"
	_ "net/http/pprof"
	"sync"

	"github.com/prometheus/client_golang/prometheus/promhttp"
)

var once sync.Once

// The prometheus agent shape: http.DefaultServeMux with only the metrics handler, in this file.
func StartAgent(host string, port int, path string) {
	once.Do(func() {
		go func() {
			http.Handle(path, promhttp.Handler())
			addr := fmt.Sprintf("%s:%d", host, port)
			if err := http.ListenAndServe(addr, nil); err != nil { // want "http-serve-without-timeouts:information"
				log.Println(err)
			}
		}()
	})
}

// pprof's routes come with its import, on the same http.DefaultServeMux.
func StartDebug() {
	http.HandleFunc("/debug/vars", func(w http.ResponseWriter, r *http.Request) {})
	log.Println(http.ListenAndServe("localhost:6060", http.DefaultServeMux)) // want "http-serve-without-timeouts:information"
}
