package orders

import (
	"context"
	"database/sql"
	"net"
	nethttp "net/http"
	"time"

	"github.com/jmoiron/sqlx"
)

type Order struct {
	ID    int64
	Total int64
}

type Store struct {
	db          *sql.DB
	dbx         *sqlx.DB
	tracer      spanStarter
	bg          context.Context
	stopSweeper context.CancelFunc
}

type spanStarter interface {
	Start(ctx context.Context, name string) (context.Context, func())
}

// A handler: the request's context is r.Context().
func (s *Store) GetOrder(w nethttp.ResponseWriter, r *nethttp.Request) {
	var o Order
	err := s.db.QueryRow("SELECT id, total FROM orders WHERE id = $1", r.URL.Query().Get("id")).Scan(&o.ID, &o.Total) // want "context-propagation"
	if err != nil {
		nethttp.Error(w, err.Error(), nethttp.StatusInternalServerError)
		return
	}
}

// A method taking ctx, with the arguments spread over several lines.
func (s *Store) ListByCustomer(ctx context.Context, customer int64) ([]Order, error) {
	rows, err := s.db.Query( // want "context-propagation"
		`SELECT id, total FROM orders WHERE customer_id = $1`,
		customer,
	)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Order
	for rows.Next() {
		var o Order
		if err := rows.Scan(&o.ID, &o.Total); err != nil {
			return nil, err
		}
		out = append(out, o)
	}
	return out, rows.Err()
}

// context.Background() where the caller's ctx was at hand.
func (s *Store) Total(ctx context.Context, id int64) (int64, error) {
	var total int64
	err := s.db.QueryRowContext(context.Background(), "SELECT total FROM orders WHERE id = $1", id).Scan(&total) // want "context-propagation"
	return total, err
}

// Begin, Exec and Ping inside nested blocks, with an early return.
func (s *Store) Cancel(ctx context.Context, ids []int64) error {
	if len(ids) == 0 {
		return s.db.Ping() // want "context-propagation"
	}
	tx, err := s.db.Begin() // want "context-propagation"
	if err != nil {
		return err
	}
	defer tx.Rollback()
	for _, id := range ids {
		if _, err := tx.Exec("UPDATE orders SET state = 'cancelled' WHERE id = $1", id); err != nil { // want "context-propagation"
			return err
		}
	}
	return tx.Commit()
}

// A child context with a timeout is the one to pass.
func (s *Store) Archive(ctx context.Context, before time.Time) error {
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	stmt, err := s.db.Prepare("DELETE FROM orders WHERE created_at < $1") // want "context-propagation"
	if err != nil {
		return err
	}
	defer stmt.Close()
	_, err = stmt.Exec(before) // want "context-propagation"
	return err
}

// The tracing idiom rebinds ctx to a child context.
func (s *Store) Reprice(ctx context.Context, id, total int64) error {
	ctx, end := s.tracer.Start(ctx, "orders.reprice")
	defer end()
	_, err := s.db.Exec("UPDATE orders SET total = $1 WHERE id = $2", total, id) // want "context-propagation"
	return err
}

// A handler that stored r.Context() in a local, then built a timeout on Background.
func (s *Store) Export(w nethttp.ResponseWriter, r *nethttp.Request) {
	ctx := r.Context()
	var n int
	if err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM orders").Scan(&n); err != nil || n == 0 {
		return
	}
	exportCtx, cancel := context.WithTimeout(context.Background(), time.Minute) // want "context-propagation"
	defer cancel()
	rows, err := s.db.QueryContext(exportCtx, "SELECT id, total FROM orders")
	if err != nil {
		return
	}
	defer rows.Close()
}

// context.TODO() left behind in a function that has a context.
func (s *Store) Touch(ctx context.Context, id int64) error {
	_, err := s.db.ExecContext(context.TODO(), "UPDATE orders SET touched_at = now() WHERE id = $1", id) // want "context-propagation"
	return err
}

// sqlx: Get, Select, NamedExec and Beginx.
func (s *Store) Sync(ctx context.Context, o Order) error {
	var current Order
	if err := s.dbx.Get(&current, "SELECT id, total FROM orders WHERE id = $1", o.ID); err != nil { // want "context-propagation"
		return err
	}
	var all []Order
	if err := s.dbx.Select(&all, "SELECT id, total FROM orders"); err != nil { // want "context-propagation"
		return err
	}
	tx, err := s.dbx.Beginx() // want "context-propagation"
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.NamedExec("UPDATE orders SET total = :total WHERE id = :id", o); err != nil { // want "context-propagation"
		return err
	}
	return tx.Commit()
}

// A repository that embeds *sqlx.DB: Select is promoted from sqlx.
type Repo struct {
	*sqlx.DB
}

func (r *Repo) Recent(ctx context.Context) ([]Order, error) {
	var out []Order
	err := r.Select(&out, "SELECT id, total FROM orders ORDER BY id DESC LIMIT 10") // want "context-propagation"
	return out, err
}

// A transaction helper that receives ctx runs the closure within ctx's lifetime.
func withTx(ctx context.Context, db *sql.DB, fn func(tx *sql.Tx) error) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return err
	}
	return tx.Commit()
}

func (s *Store) Move(ctx context.Context, from, to int64) error {
	return withTx(ctx, s.db, func(tx *sql.Tx) error {
		_, err := tx.Exec("UPDATE orders SET customer_id = $1 WHERE customer_id = $2", to, from) // want "context-propagation"
		return err
	})
}

// Outgoing HTTP and raw TCP from a function that has ctx (net/http imported as nethttp).
func notify(ctx context.Context, url string, client *nethttp.Client) error {
	req, err := nethttp.NewRequest(nethttp.MethodPost, url, nil) // want "context-propagation"
	if err != nil {
		return err
	}
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

func probe(ctx context.Context, addr string) error {
	conn, err := net.Dial("tcp", addr) // want "context-propagation"
	if err != nil {
		return err
	}
	return conn.Close()
}

// No context anywhere in reach: the information-level variant, without a fix.
func (s *Store) Count() (int, error) {
	var n int
	err := s.db.QueryRow("SELECT count(*) FROM orders").Scan(&n) // want "context-propagation:information"
	return n, err
}

// Several calls with no context in one function: one finding for the function, listing them.
func (s *Store) Archive(before string) error {
	if _, err := s.db.Exec("INSERT INTO archive SELECT * FROM orders WHERE day < $1", before); err != nil { // want "context-propagation:information"
		return err
	}
	_, err := s.db.Exec("DELETE FROM orders WHERE day < $1", before)
	if err != nil {
		return err
	}
	return s.db.Ping()
}

func fetchRates(client *nethttp.Client, url string) (*nethttp.Response, error) {
	req, err := nethttp.NewRequest(nethttp.MethodGet, url, nil) // want "context-propagation:information"
	if err != nil {
		return nil, err
	}
	return client.Do(req)
}

// A helper of this package that returns a context built on ctx: its result is the one to pass.
type tenantKey struct{}

func withTenant(ctx context.Context, tenant string) context.Context {
	return context.WithValue(ctx, tenantKey{}, tenant)
}

func (s *Store) TenantTotal(ctx context.Context, tenant string) (int64, error) {
	tctx := withTenant(ctx, tenant)
	var total int64
	if err := s.db.QueryRow("SELECT sum(total) FROM orders WHERE tenant = $1", tenant).Scan(&total); err != nil { // want "context-propagation"
		return 0, err
	}
	return total, s.db.PingContext(tctx)
}

// The words go and defer inside a string or a comment are not statements: this call runs now.
func (s *Store) Note(ctx context.Context, id int64) error {
	// defer to the caller; go on
	_, err := s.db.Exec("INSERT INTO notes (order_id, body) VALUES ($1, 'go on, defer the rest')", id) // want "context-propagation"
	return err
}

// The client two lines below has a Timeout, so the request is bounded; it still ignores ctx.
func remoteVersion(ctx context.Context, url string) (*nethttp.Response, error) {
	req, _ := nethttp.NewRequest(nethttp.MethodGet, url, nil) // want "context-propagation:information"
	req.Header.Set("User-Agent", "orders")
	client := &nethttp.Client{}
	client.Timeout = 15 * time.Second
	return client.Do(req)
}

func remoteVersionLiteral(ctx context.Context, url string) (*nethttp.Response, error) {
	req, err := nethttp.NewRequest(nethttp.MethodGet, url, nil) // want "context-propagation:information"
	if err != nil {
		return nil, err
	}
	client := nethttp.Client{Timeout: 15 * time.Second}
	return client.Do(req)
}

// One of the two sends goes through a client without a Timeout.
func remoteTwice(ctx context.Context, url string, other *nethttp.Client) error {
	req, err := nethttp.NewRequest(nethttp.MethodGet, url, nil) // want "context-propagation"
	if err != nil {
		return err
	}
	client := &nethttp.Client{Timeout: 15 * time.Second}
	if _, err := client.Do(req); err != nil {
		return err
	}
	_, err = other.Do(req)
	return err
}

type slowLogCmd struct{ ctx context.Context }

func newSlowLogCmd(ctx context.Context, args ...interface{}) *slowLogCmd {
	return &slowLogCmd{ctx: ctx}
}

type cmdable func(ctx context.Context, cmd *slowLogCmd) error

// The command is run on ctx; the Background only sits in the value: information.
func (c cmdable) SlowLogGet(ctx context.Context, num int64) *slowLogCmd {
	cmd := newSlowLogCmd(context.Background(), "slowlog", "get", num) // want "context-propagation:information"
	_ = c(ctx, cmd)
	return cmd
}

// Built with Background and not run on ctx here: the value carries the only context.
func (c cmdable) SlowLogDeferred(ctx context.Context, num int64) *slowLogCmd {
	cmd := newSlowLogCmd(context.Background(), "slowlog", "get", num) // want "context-propagation"
	return cmd
}
