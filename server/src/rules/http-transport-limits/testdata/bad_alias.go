package upstream

import stdhttp "net/http"

// An aliased import, and no time import yet: the fix adds it.
func aliased() *stdhttp.Client {
	return &stdhttp.Client{Transport: &stdhttp.Transport{ // want "http-transport-limits"
		MaxIdleConns: 100,
	}}
}
