package legacy

import (
	"fmt"
	"sync"
	"testing"
)

type Item struct{ Name string }

func handle(it Item) {}

// The variable is passed as an argument: evaluated at the go statement.
func passedAsArgument(items []Item) {
	for _, it := range items {
		go func(it Item) {
			handle(it)
		}(it)
	}
}

// The variable is copied (shadowed) before the closure.
func shadowed(items []Item) {
	for _, it := range items {
		it := it
		go func() {
			handle(it)
		}()
	}
}

// The closure only assigns the name: it never reads the loop variable.
func assignedOnly(items []Item) {
	for _, it := range items {
		_ = it
		go func() {
			var it Item
			it = Item{Name: "x"}
			handle(it)
		}()
	}
}

// A field key in a composite literal is not a use of the variable with the same name.
func fieldKey(names []string) {
	for _, Name := range names {
		_ = Name
		go func() {
			handle(Item{Name: "fixed"})
		}()
	}
}

// The iteration waits for the goroutine before the variable moves on.
func waitedFor(items []Item) {
	for _, it := range items {
		var wg sync.WaitGroup
		wg.Add(1)
		go func() {
			defer wg.Done()
			handle(it)
		}()
		wg.Wait()
	}
}

// The iteration waits on a channel the goroutine closes.
func channelHandshake(items []Item) {
	for _, it := range items {
		done := make(chan struct{})
		go func() {
			defer close(done)
			handle(it)
		}()
		<-done
	}
}

// The loop ends right after the goroutine starts: the variable never changes again.
func firstMatch(items []Item) {
	for _, it := range items {
		if it.Name != "" {
			go func() { handle(it) }()
			break
		}
	}
}

// A deferred closure followed by return runs with the value of this iteration.
func deferThenReturn(items []Item) {
	for _, it := range items {
		if it.Name == "last" {
			defer func() { fmt.Println(it.Name) }()
			return
		}
	}
}

// A defer inside a func literal called per iteration runs before the next iteration.
func deferPerIteration(items []Item) {
	for _, it := range items {
		func() {
			defer func() { fmt.Println(it.Name) }()
			handle(it)
		}()
	}
}

// A loop variable declared outside the loop (`=`, not `:=`) is shared in every Go version,
// which is another rule's business.
func declaredOutside(items []Item) {
	var it Item
	for _, it = range items {
		go func() { handle(it) }()
	}
}

// A Go method that is not errgroup's.
type pool struct{}

func (pool) Go(f func() error) {}

func otherGo(items []Item) {
	var p pool
	for _, it := range items {
		p.Go(func() error { handle(it); return nil })
	}
}

// Parallel subtests are not checked (t.Run waits unless the subtest calls t.Parallel).
func subtests(t *testing.T, items []Item) {
	for _, it := range items {
		t.Run(it.Name, func(t *testing.T) {
			handle(it)
		})
	}
}

// The closure only writes the variable: only reads are reported.
func writeOnly(items []Item) {
	for _, it := range items {
		handle(it)
		go func() {
			it = Item{}
		}()
	}
}
