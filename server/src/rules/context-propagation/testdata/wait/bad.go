package jobs

import (
	"context"
	"database/sql"
	"net/http"
	"time"
)

type Jobs struct {
	db   *sql.DB
	stop context.CancelFunc
}

func (j *Jobs) busy(id string) bool { return false }

func watch(done <-chan struct{}) {}

// The context bounds a polling loop and reaches no call: information, the wait alone is affected.
func (j *Jobs) Wait(w http.ResponseWriter, r *http.Request) {
	id := r.URL.Query().Get("id")
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Minute) // want "context-propagation:information"
	defer cancel()
	for j.busy(id) {
		select {
		case <-ctx.Done():
			w.WriteHeader(http.StatusGatewayTimeout)
			return
		case <-time.After(100 * time.Millisecond):
		}
	}
	w.WriteHeader(http.StatusOK)
}

// Polled through Err and Deadline, cancelled from a goroutine: still only a wait.
func (j *Jobs) Settle(ctx context.Context, id string, deadline time.Time) bool {
	if j.busy(id) {
		return false
	}
	wait, cancel := context.WithDeadline(context.TODO(), deadline) // want "context-propagation:information"
	go func() {
		time.Sleep(time.Second)
		cancel()
	}()
	if _, ok := wait.Deadline(); !ok {
		return false
	}
	for wait.Err() == nil && j.busy(id) {
		time.Sleep(10 * time.Millisecond)
	}
	return wait.Err() == nil
}

// The same wait, but the context is also handed to a query: the query loses the caller's
// cancellation, a warning.
func (j *Jobs) WaitAndCount(w http.ResponseWriter, r *http.Request) {
	id := r.URL.Query().Get("id")
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute) // want "context-propagation"
	defer cancel()
	for j.busy(id) {
		select {
		case <-ctx.Done():
			return
		case <-time.After(100 * time.Millisecond):
		}
	}
	var n int
	_ = j.db.QueryRowContext(ctx, "SELECT count(*) FROM jobs").Scan(&n)
}

// The Done channel goes to a call, which may stop work on it: a warning.
func (j *Jobs) Watch(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithCancel(context.Background()) // want "context-propagation"
	defer cancel()
	watch(ctx.Done())
	<-ctx.Done()
}

// The cancel function is kept by the value, out of sight: a warning.
func (j *Jobs) Hold(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithCancel(context.Background()) // want "context-propagation"
	j.stop = cancel
	<-ctx.Done()
}

// Assigned to an existing variable, whose other values are not followed: a warning.
func (j *Jobs) Retry(w http.ResponseWriter, r *http.Request) {
	var ctx context.Context
	var cancel context.CancelFunc
	ctx, cancel = context.WithTimeout(context.Background(), time.Second) // want "context-propagation"
	defer cancel()
	<-ctx.Done()
}

// Declared with var, the context only polled: information.
func (j *Jobs) Drain(ctx context.Context, id string) error {
	var wait, cancel = context.WithTimeout(context.Background(), time.Minute) // want "context-propagation:information"
	defer cancel()
	for j.busy(id) {
		select {
		case <-wait.Done():
			return wait.Err()
		case <-time.After(time.Second):
		}
	}
	return nil
}
