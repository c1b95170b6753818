package worker

import (
	"context"
	"errors"
	"testing"
	"time"
)

// The usual idiom: defer right after the call.
func deferred(parent context.Context) error {
	ctx, cancel := context.WithTimeout(parent, time.Second)
	defer cancel()
	return fetch(ctx)
}

// Called explicitly on every path.
func everyPath(parent context.Context, id string) error {
	ctx, cancel := context.WithCancel(parent)
	if id == "" {
		cancel()
		return errors.New("empty id")
	}
	err := fetch(ctx)
	cancel()
	return err
}

// Called inside a deferred closure.
func deferredClosure(parent context.Context) error {
	ctx, cancel := context.WithCancelCause(parent)
	defer func() {
		cancel(errors.New("done"))
	}()
	return fetch(ctx)
}

// Ownership moved: the cancel function is returned to the caller.
func returned(parent context.Context) (context.Context, context.CancelFunc) {
	ctx, cancel := context.WithTimeout(parent, time.Second)
	return ctx, cancel
}

type job struct {
	ctx    context.Context
	cancel context.CancelFunc
}

// Ownership moved: stored in a struct field.
func stored(parent context.Context) *job {
	ctx, cancel := context.WithCancel(parent)
	return &job{ctx: ctx, cancel: cancel}
}

// Ownership moved: assigned straight to a field.
func (j *job) start(parent context.Context) {
	j.ctx, j.cancel = context.WithCancel(parent)
}

// Ownership moved: a goroutine calls it once the work is done.
func detached(parent context.Context, done <-chan struct{}) context.Context {
	ctx, cancel := context.WithCancel(parent)
	go func() {
		<-done
		cancel()
	}()
	return ctx
}

// Ownership moved: handed to time.AfterFunc.
func afterFunc(parent context.Context) context.Context {
	ctx, cancel := context.WithCancel(parent)
	time.AfterFunc(time.Minute, cancel)
	return ctx
}

// Ownership moved: handed to a test cleanup.
func TestCleanup(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	t.Cleanup(cancel)
	if err := fetch(ctx); err != nil {
		t.Fatal(err)
	}
}

// Assigned to another variable that outlives the function.
var stop context.CancelFunc

func global(parent context.Context) context.Context {
	ctx, cancel := context.WithCancel(parent)
	stop = cancel
	return ctx
}

// A path that ends in a panic or a fatal call needs no cancel.
func panics(parent context.Context, t *testing.T, id string) error {
	ctx, cancel := context.WithTimeout(parent, time.Second)
	if id == "" {
		panic("empty id")
	}
	if id == "-" {
		t.Fatalf("bad id %q", id)
	}
	err := fetch(ctx)
	cancel()
	return err
}

// Called in every case of a select inside an endless loop.
func selectLoop(parent context.Context, events <-chan string) string {
	ctx, cancel := context.WithTimeout(parent, time.Second)
	for {
		select {
		case <-ctx.Done():
			cancel()
			return ""
		case e := <-events:
			if e != "" {
				cancel()
				return e
			}
		}
	}
}

// Each iteration cancels its own context before going on.
func perIteration(parent context.Context, ids []string) {
	for _, id := range ids {
		ctx, cancel := context.WithTimeout(parent, time.Second)
		if id == "" {
			cancel()
			continue
		}
		_ = fetch(ctx)
		cancel()
	}
}

// A named result: the caller receives the cancel function.
func named(parent context.Context) (ctx context.Context, cancel context.CancelFunc) {
	ctx, cancel = context.WithTimeout(parent, time.Second)
	return
}

// A deferred closure set up before the assignment calls whatever the variable then holds.
func reassigned(parent context.Context, slow bool) error {
	var cancel context.CancelFunc = func() {}
	defer func() { cancel() }()
	ctx := parent
	if slow {
		ctx, cancel = context.WithTimeout(parent, time.Minute)
	}
	return fetch(ctx)
}

// A WithTimeout method of some other type is not the context package's.
type limiter struct{}

func (limiter) WithTimeout(d time.Duration) (int, func()) { return 0, func() {} }

func notContext(l limiter) int {
	n, _ := l.WithTimeout(time.Second)
	return n
}
