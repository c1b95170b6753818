package fanout

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"log"
	"net/http"
	"sync"
	"time"

	"github.com/jmoiron/sqlx"
)

type User struct {
	ID    int64
	Email string
}

type Session struct{ id string }

func (s *Session) Ping(id string) {}

type Job struct{ ID int }

type Order struct{ ID int64 }

type Store struct {
	db       *sqlx.DB
	sessions map[string]*Session
	queue    chan Job
}

func sendEmail(ctx context.Context, u User) {}
func fetch(url string)                      {}
func process(o Order)                       {}
func publish(line string)                   {}
func upload(part []byte)                    {}
func record(u User, at time.Time)           {}
func alert(e Event)                         {}

type Event struct{ Important bool }

// A parameter slice, one goroutine per user: the fix wraps the call in a func literal.
func notifyAll(ctx context.Context, users []User) {
	for _, u := range users {
		go sendEmail(ctx, u) // want "goroutine-in-loop:information"
	}
}

// The WaitGroup waits for completion but does not limit how many run at once.
func fetchAll(urls []string) {
	var wg sync.WaitGroup
	for _, url := range urls {
		wg.Add(1)
		go func() { // want "goroutine-in-loop:information"
			defer wg.Done()
			fetch(url)
		}()
	}
	wg.Wait()
}

// A map held in a struct field, known through the package index; a method value as callee.
func (s *Store) pingSessions() {
	for id, sess := range s.sessions {
		go sess.Ping(id) // want "goroutine-in-loop:information"
	}
}

// Ranging over a channel: one goroutine per message, however fast they arrive.
func (s *Store) dispatch(jobs <-chan Job) {
	for job := range jobs {
		go s.handle(job) // want "goroutine-in-loop"
	}
}

func (s *Store) handle(j Job) {}

// One goroutine per row (sqlx); `id` is declared in the loop body, so the closure sees the same value.
func (s *Store) reindexAll(ctx context.Context) error {
	rows, err := s.db.QueryxContext(ctx, "SELECT id FROM documents")
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return err
		}
		go s.reindex(ctx, id) // want "goroutine-in-loop"
	}
	return rows.Err()
}

func (s *Store) reindex(ctx context.Context, id int64) {}

// One goroutine per line of input.
func publishLines(r io.Reader) {
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		line := sc.Text()
		go publish(line) // want "goroutine-in-loop"
	}
}

// Counting to len(data) is ranging in disguise.
func processOrders(orders []Order) {
	for i := 0; i < len(orders); i++ {
		go process(orders[i]) // want "goroutine-in-loop:information"
	}
}

// The bound comes from len through a local.
func processAll(orders []Order) {
	n := len(orders)
	for i := 0; i < n; i++ {
		go process(orders[i]) // want "goroutine-in-loop:information"
	}
}

// Go 1.22 range over an integer, but the integer is len(parts).
func uploadParts(parts [][]byte) {
	for i := range len(parts) {
		go upload(parts[i]) // want "goroutine-in-loop:information"
	}
}

// Nested blocks and an early return before the go statement.
func alertAll(events []Event) {
	for _, e := range events {
		if !e.Important {
			continue
		}
		if e == (Event{}) {
			return
		}
		go alert(e) // want "goroutine-in-loop:information"
	}
}

// An argument computed by a call would be evaluated later inside a func literal: reported
// without a fix.
func recordAll(users []User) {
	for _, u := range users {
		go record(u, time.Now()) // want "goroutine-in-loop:information"
	}
}

// A variable assigned on every iteration would race with the closure: reported without a fix.
func latest(users []User) {
	var current User
	for _, u := range users {
		current = u
		go sendEmail(context.Background(), current) // want "goroutine-in-loop:information"
	}
}

// A func literal with parameters keeps its arguments evaluated at the go statement.
func welcome(users []User) {
	for _, u := range users {
		go func(user User) { // want "goroutine-in-loop:information"
			log.Printf("welcome %s", user.Email)
		}(u)
	}
}

// A one-line goroutine body is spread over lines by the fix.
func warm(keys []string, cache map[string]string) {
	for _, key := range keys {
		go func() { _ = cache[key] }() // want "goroutine-in-loop:information"
	}
}

// A labeled loop: the semaphore goes before the label.
func firstBroken(shards [][]Job) {
outer:
	for _, shard := range shards {
		if len(shard) == 0 {
			break outer
		}
		go func() { // want "goroutine-in-loop:information"
			for _, j := range shard {
				_ = j
			}
		}()
	}
}

// A loop inside a goroutine is still a loop.
func background(tasks []Job, s *Store) {
	go func() {
		for _, t := range tasks {
			go s.handle(t) // want "goroutine-in-loop:information"
		}
	}()
}

// Two go statements in one loop share one semaphore.
func mirror(ctx context.Context, users []User) {
	for _, u := range users {
		go sendEmail(ctx, u) // want "goroutine-in-loop:information"
		go fetch(u.Email)
	}
}

// Two loops in one function get two semaphores, and an existing `sem` is left alone.
func twoPasses(users []User, orders []Order) {
	sem := "semantic"
	_ = sem
	for _, u := range users {
		go fetch(u.Email) // want "goroutine-in-loop:information"
	}
	for _, o := range orders {
		go process(o) // want "goroutine-in-loop:information"
	}
}

// A call spread over lines: the finding covers `go s.save`, the fix re-indents the call.
func (s *Store) saveAll(ctx context.Context, orders []Order) {
	for _, o := range orders {
		go s.save(ctx, // want "goroutine-in-loop:information"
			o,
		)
	}
}

func (s *Store) save(ctx context.Context, o Order) {}

// Variadic parameters are slices.
func fanOut(urls ...string) {
	for i := range urls {
		go fetch(urls[i]) // want "goroutine-in-loop:information"
	}
}

// A package-level variable declared as a slice is data, whoever fills it.
var endpoints []string

func register(url string) { endpoints = append(endpoints, url) }

func probeEndpoints() {
	for _, e := range endpoints {
		go fetch(e) // want "goroutine-in-loop:information"
	}
}

// Counting down from len(data).
func reverse(orders []Order) {
	for i := len(orders) - 1; i >= 0; i-- {
		go process(orders[i]) // want "goroutine-in-loop:information"
	}
}

// A struct literal built from per-iteration values is evaluated the same inside the goroutine.
func doubled(orders []Order) {
	for _, o := range orders {
		go process(Order{ID: o.ID * 2}) // want "goroutine-in-loop:information"
	}
}

// An element read through a slice that a later call may refill: reported without a fix.
func drain(batch []Order, refill func([]Order)) {
	for i := range batch {
		go process(batch[i]) // want "goroutine-in-loop:information"
		refill(batch)
	}
}

// A slice made with len(orders) has one slot per order.
func priceAll(orders []Order) {
	totals := make([]int64, len(orders))
	for i := range totals {
		go func() { // want "goroutine-in-loop:information"
			totals[i] = orders[i].ID * 2
		}()
	}
}

// A slice made with a count but grown with the data is data again.
func relayAll(batches [][]Job) {
	lanes := make([]chan Job, 2)
	for range batches {
		lanes = append(lanes, make(chan Job))
	}
	for _, lane := range lanes {
		go drainLane(lane) // want "goroutine-in-loop:information"
	}
}

func drainLane(lane chan Job) {}

// Functions built per item of data are still one goroutine per item when the loop calls them
// directly rather than ranging over the list of functions.
func warmAll(users []User, warmers map[string]func(User)) {
	for _, u := range users {
		go warmers["default"](u) // want "goroutine-in-loop:information"
	}
}

const defaultHost = "https://example.com"

var currentHost = "https://example.com"

// A package-level constant keeps its value, so the call may move into a func literal; a
// package-level variable may change before the goroutine reads it: reported without a fix.
func pingPaths(paths []string) {
	for _, p := range paths {
		go fetch(defaultHost + p) // want "goroutine-in-loop:information"
	}
	for _, p := range paths {
		go fetch(currentHost + p) // want "goroutine-in-loop:information"
	}
}

// `continue` comes before the exit: every other order starts a goroutine.
func auditSome(orders []Order) {
	for _, o := range orders {
		if o.ID%2 == 0 {
			go process(o) // want "goroutine-in-loop:information"
			continue
		}
		return
	}
}

// A `break` in a select leaves the select only: the loop goes round again.
func drainInto(orders []Order, done <-chan struct{}) {
	for _, o := range orders {
		go process(o) // want "goroutine-in-loop:information"
		select {
		case <-done:
		default:
			break
		}
	}
}

// In a handler every request multiplies the fan-out, and the request decides how many items.
type Handler struct{ store *Store }

func (h *Handler) Notify(w http.ResponseWriter, r *http.Request) {
	var users []User
	if err := json.NewDecoder(r.Body).Decode(&users); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	for _, u := range users {
		go sendEmail(r.Context(), u) // want "goroutine-in-loop"
	}
	w.WriteHeader(http.StatusAccepted)
}

// The same in a closure registered as a handler.
func routes(mux *http.ServeMux) {
	mux.HandleFunc("/orders", func(w http.ResponseWriter, r *http.Request) {
		var orders []Order
		_ = json.NewDecoder(r.Body).Decode(&orders)
		for _, o := range orders {
			go process(o) // want "goroutine-in-loop"
		}
	})
}
