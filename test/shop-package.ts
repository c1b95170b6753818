// A Go module whose one package is split over two files, for the virtual-workspace tests (the
// language server over stdio, and the browser's memfs: workspace): each finding in main.go needs
// a file other than main.go to be known.
/**
 * http-server-shutdown in main.go needs server.go (where `srv` is an http.Server), at the
 * severity .go-backend-guide.json sets; goroutine-loop-var needs go.mod's go 1.21.
 */
export const SHOP = {
  'go.mod': 'module example.com/shop\n\ngo 1.21\n',
  '.go-backend-guide.json': '{ "rules": { "http-server-shutdown": "warning" } }',
  'cmd/shop/server.go': `package main

import (
	"net/http"
	"time"
)

var srv = &http.Server{
	Addr:              ":8080",
	ReadHeaderTimeout: 5 * time.Second,
	ReadTimeout:       10 * time.Second,
	WriteTimeout:      10 * time.Second,
	IdleTimeout:       time.Minute,
	MaxHeaderBytes:    8 << 10,
}
`,
  'cmd/shop/main.go': `package main

import (
	"log"
	"sync"
)

func warm(keys []string, load func(string)) {
	var wg sync.WaitGroup
	for _, key := range keys {
		wg.Add(1)
		go func() {
			defer wg.Done()
			load(key)
		}()
	}
	wg.Wait()
}

func main() {
	log.Fatal(srv.ListenAndServe())
}
`,
};
