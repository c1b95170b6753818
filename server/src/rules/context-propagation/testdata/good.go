package orders

import (
	"context"
	"database/sql"
	"errors"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"time"

	"github.com/jmoiron/sqlx"
)

// Detached work inside a go statement must not use the request's context: it outlives the request.
func (s *Store) Checkout(w http.ResponseWriter, r *http.Request) {
	id := r.URL.Query().Get("id")
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		if _, err := s.db.ExecContext(ctx, "INSERT INTO audit (order_id) VALUES ($1)", id); err != nil {
			log.Print(err)
		}
		_, _ = s.db.Exec("UPDATE stats SET checkouts = checkouts + 1")
	}()
	w.WriteHeader(http.StatusAccepted)
}

// A go statement's own arguments belong to the detached work too.
func (s *Store) Reindex(ctx context.Context) {
	go s.rebuild(context.Background())
}

func (s *Store) rebuild(ctx context.Context) {
	_, _ = s.db.ExecContext(ctx, "REINDEX TABLE orders")
}

// A background context built here but only handed to a goroutine.
func (s *Store) StartSweeper(ctx context.Context) {
	sweepCtx, cancel := context.WithCancel(context.Background())
	s.stopSweeper = cancel
	go s.rebuild(sweepCtx)
}

// time.AfterFunc runs the literal later, on its own goroutine.
func (s *Store) ExpireLater(ctx context.Context, id int64) {
	time.AfterFunc(time.Hour, func() {
		_, _ = s.db.Exec("DELETE FROM carts WHERE id = $1", id)
		_, _ = s.db.ExecContext(context.Background(), "DELETE FROM holds WHERE cart_id = $1", id)
	})
}

// Deferred cleanup must still run after the caller's context is cancelled.
func (s *Store) Lock(ctx context.Context, name string) error {
	if _, err := s.db.ExecContext(ctx, "SELECT pg_advisory_lock(hashtext($1))", name); err != nil {
		return err
	}
	defer func() {
		unlockCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_, _ = s.db.ExecContext(unlockCtx, "SELECT pg_advisory_unlock(hashtext($1))", name)
	}()
	defer s.db.Exec("DELETE FROM lock_owners WHERE name = $1", name)
	return nil
}

// Graceful shutdown: the caller's context is already done when the shutdown context is built.
func Serve(ctx context.Context, srv *http.Server) error {
	errCh := make(chan error, 1)
	go func() { errCh <- srv.ListenAndServe() }()
	select {
	case err := <-errCh:
		return err
	case <-ctx.Done():
	}
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	return srv.Shutdown(shutdownCtx)
}

// A worker loop records its stop in the ctx.Done() case, where ctx can no longer be used.
func (s *Store) Work(ctx context.Context, jobs <-chan int64) {
	for {
		select {
		case <-ctx.Done():
			_, _ = s.db.Exec("UPDATE workers SET state = 'stopped'")
			_, _ = s.db.ExecContext(context.Background(), "UPDATE workers SET stopped_at = now()")
			return
		case id := <-jobs:
			_, _ = s.db.ExecContext(ctx, "UPDATE jobs SET done = true WHERE id = $1", id)
		}
	}
}

// The caller gave up: record the cancellation with a fresh context.
func (s *Store) Charge(ctx context.Context, id int64) error {
	err := s.pay(ctx, id)
	if errors.Is(err, context.Canceled) || ctx.Err() != nil {
		_, _ = s.db.ExecContext(context.Background(), "UPDATE payments SET state = 'abandoned' WHERE id = $1", id)
	}
	return err
}

func (s *Store) pay(ctx context.Context, id int64) error {
	_, err := s.db.ExecContext(ctx, "UPDATE payments SET state = 'paid' WHERE id = $1", id)
	return err
}

// A shutdown bound handed straight to Shutdown, after waiting on a signal.
func Drain(ctx context.Context, srv *http.Server, quit <-chan os.Signal) error {
	<-quit
	return srv.Shutdown(context.Background())
}

// The nil-context guard fills in the parameter itself.
func (s *Store) Lookup(ctx context.Context, id int64) (int64, error) {
	if ctx == nil {
		ctx = context.Background()
	}
	var total int64
	err := s.db.QueryRowContext(ctx, "SELECT total FROM orders WHERE id = $1", id).Scan(&total)
	return total, err
}

// The context parameter is named _: the function deliberately ignores it.
func (s *Store) Warm(_ context.Context) error {
	_, err := s.db.Exec("SELECT 1 FROM orders LIMIT 1")
	return err
}

// A ctx that is only a local variable, not a parameter: the signal context and its shutdown.
func RunUntilSignal(srv *http.Server) error {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	go func() { _ = srv.ListenAndServe() }()
	<-ctx.Done()
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	return srv.Shutdown(shutdownCtx)
}

// A local ctx that is explicitly detached shadows the parameter: nothing to pass.
func (s *Store) Finish(ctx context.Context, id int64, async bool) {
	if async {
		ctx := context.WithoutCancel(ctx)
		_, _ = s.db.Exec("UPDATE orders SET finished = true WHERE id = $1", id)
		_ = ctx
	}
}

// A context kept for later (a field, a struct literal, a return value) is not dropped here.
type job struct {
	ctx context.Context
	id  int64
}

func (s *Store) Enqueue(ctx context.Context, id int64) job {
	s.bg = context.Background()
	return job{ctx: context.TODO(), id: id}
}

func (s *Store) Detached(ctx context.Context) context.Context {
	return context.Background()
}

// A closure stored or handed to a call without the context runs at an unknown time.
func (s *Store) Register(ctx context.Context, srv *http.Server) func() {
	srv.RegisterOnShutdown(func() {
		_, _ = s.db.Exec("UPDATE nodes SET draining = true")
	})
	return func() {
		_, _ = s.db.ExecContext(context.Background(), "UPDATE nodes SET up = false")
	}
}

// The old idiom attaches the context after building the request.
func call(ctx context.Context, client *http.Client, url string) (*http.Response, error) {
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	req = req.WithContext(ctx)
	return client.Do(req)
}

// A repository interface with its own Query method is not database/sql.
type OrderQuerier interface {
	Query(query string, args ...any) (*sql.Rows, error)
	Get(dest any, query string, args ...any) error
}

func countWith(ctx context.Context, q OrderQuerier) error {
	rows, err := q.Query("SELECT id FROM orders")
	if err != nil {
		return err
	}
	return rows.Close()
}

// A struct embedding *sqlx.DB but declaring its own Get.
type Cache struct {
	*sqlx.DB
}

func (c *Cache) Get(dest any, query string, args ...any) error { return nil }

func (c *Cache) Load(ctx context.Context, dest any) error {
	return c.Get(dest, "SELECT payload FROM cache")
}

// Context-aware calls already: nothing to say.
func (s *Store) Healthy(ctx context.Context) bool {
	return s.db.PingContext(ctx) == nil && s.dbx.PingContext(ctx) == nil
}

// A constructor: the component it starts lives longer than the ctx that configures it.
type Poller struct {
	stop context.CancelFunc
}

func NewPoller(ctx context.Context, s *Store) (*Poller, error) {
	if err := s.db.PingContext(ctx); err != nil {
		return nil, err
	}
	pollCtx, cancel := context.WithCancel(context.Background())
	s.startPolling(pollCtx)
	return &Poller{stop: cancel}, nil
}

func (s *Store) startPolling(ctx context.Context) {
	go s.rebuild(ctx)
}

// A deferred call whose arguments span several lines is still deferred cleanup.
func (s *Store) Release(ctx context.Context, id int64) {
	defer s.db.Exec(
		"UPDATE holds SET released = true WHERE order_id = $1",
		id,
	)
}

// The context of ListenConfig.Listen only bounds resolving the address; the listener outlives
// any request, so the caller's context has nothing to add.
func (s *Store) Expose(ctx context.Context, addr string) (net.Listener, error) {
	return (&net.ListenConfig{}).Listen(context.Background(), "tcp", addr)
}
