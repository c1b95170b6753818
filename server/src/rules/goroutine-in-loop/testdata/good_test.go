package fanout

import "testing"

// Test files are skipped: a goroutine per table case is how concurrency tests are written.
func TestConcurrentSessions(t *testing.T) {
	sessions := []*Session{{id: "a"}, {id: "b"}}
	var ids []string
	for _, s := range sessions {
		ids = append(ids, s.id)
	}
	for _, id := range ids {
		go sessions[0].Ping(id)
	}
}
