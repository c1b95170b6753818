package stats

import (
	satomic "sync/atomic"
)

var loaded int64

// sync/atomic is already imported under another name: the fix uses it.
func loadAll(n int) int64 {
	for i := 0; i < n; i++ {
		go func() {
			loaded += 3 // want "shared-counter-race"
		}()
	}
	return satomic.LoadInt64(&loaded)
}
