package fanout

import (
	"context"
	"log"
	"net"
	"os"
	"syscall"
	tm "time"

	"golang.org/x/sync/errgroup"
	"golang.org/x/sync/semaphore"
	"golang.org/x/time/rate"
)

func handleConn(c net.Conn)    {}
func warmRegion(region string) {}
func worker(jobs <-chan Job)   {}
func refresh()                 {}

// Accept loop: one goroutine per connection is the Go server model.
func serve(ln net.Listener) error {
	for {
		conn, err := ln.Accept()
		if err != nil {
			return err
		}
		go handleConn(conn)
	}
}

// Event loop with select: an infinite loop, paced by whatever sends the events.
func events(ctx context.Context, in <-chan Job, s *Store) {
	for {
		select {
		case j := <-in:
			go s.handle(j)
		case <-ctx.Done():
			return
		}
	}
}

// Small literal list: the number of goroutines is written in the code.
func warmDefaults() {
	for _, region := range []string{"us-east", "eu-west", "ap-south"} {
		go warmRegion(region)
	}
}

// A local initialised with a literal and never changed is the same small list.
func warmLocal() {
	regions := []string{"us-east", "eu-west"}
	for _, r := range regions {
		go warmRegion(r)
	}
}

// A package-level variable declared without a type: its value may be a short literal list,
// and whether other functions change it is not this function's to judge, even when one does.
var defaultPeers = []string{"10.0.0.1", "10.0.0.2"}

func addPeer(p string) { defaultPeers = append(defaultPeers, p) }

func dialPeers() {
	for _, p := range defaultPeers {
		go warmRegion(p)
	}
}

// An array has a fixed length.
func probes(targets [3]string) {
	for _, t := range targets {
		go warmRegion(t)
	}
}

// Fixed pool of workers: counted loop whose bound is not derived from len.
func startWorkers(jobs <-chan Job, workers int) {
	for i := 0; i < workers; i++ {
		go worker(jobs)
	}
}

// Go 1.22 range over an integer: a fixed number of workers.
func startPool(jobs <-chan Job, n int) {
	for range n {
		go worker(jobs)
	}
	for i := range 4 {
		_ = i
		go worker(jobs)
	}
}

// A pool sized by min(len(data), limit) is bounded by the limit.
func startSized(jobs <-chan Job, pending []Job, limit int) {
	for i := 0; i < min(len(pending), limit); i++ {
		go worker(jobs)
	}
}

// Semaphore channel: a slot is taken before each goroutine starts.
func boundedFetch(urls []string) {
	sem := make(chan struct{}, 8)
	for _, url := range urls {
		sem <- struct{}{}
		go func() {
			defer func() { <-sem }()
			fetch(url)
		}()
	}
}

// Semaphore taken and released inside the goroutine itself.
func boundedInside(urls []string) {
	sem := make(chan struct{}, 8)
	for _, url := range urls {
		go func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			fetch(url)
		}()
	}
}

// golang.org/x/sync/semaphore: Acquire before starting.
func weighted(ctx context.Context, users []User) error {
	sem := semaphore.NewWeighted(10)
	for _, u := range users {
		if err := sem.Acquire(ctx, 1); err != nil {
			return err
		}
		go func() {
			defer sem.Release(1)
			sendEmail(ctx, u)
		}()
	}
	return nil
}

// errgroup with SetLimit: g.Go blocks when the limit is reached (and is not a go statement).
func grouped(ctx context.Context, users []User) error {
	g, ctx := errgroup.WithContext(ctx)
	g.SetLimit(10)
	for _, u := range users {
		g.Go(func() error {
			sendEmail(ctx, u)
			return nil
		})
	}
	return g.Wait()
}

// Worker pattern: the loop hands work to a channel that a fixed pool drains.
func enqueue(s *Store, jobs []Job) {
	for i := 0; i < 4; i++ {
		go worker(s.queue)
	}
	for _, j := range jobs {
		s.queue <- j
	}
}

// Rate limiter: each iteration waits for a token.
func limited(ctx context.Context, limiter *rate.Limiter, users []User) {
	for _, u := range users {
		if err := limiter.Wait(ctx); err != nil {
			return
		}
		go sendEmail(ctx, u)
	}
}

// Paced by a sleep (time imported under an alias).
func trickle(users []User) {
	for _, u := range users {
		go sendEmail(context.Background(), u)
		tm.Sleep(50 * tm.Millisecond)
	}
}

// Ticker-driven loop: one goroutine per tick, paced by the clock.
func poll(ticker *tm.Ticker) {
	for range ticker.C {
		go refresh()
	}
}

// Batches: the outer loop waits for each batch before starting the next.
func batches(groups [][]Job, s *Store) {
	for _, batch := range groups {
		done := make(chan struct{})
		for _, j := range batch {
			go func() {
				s.handle(j)
				done <- struct{}{}
			}()
		}
		for range batch {
			<-done
		}
	}
}

// One goroutine at most: the loop ends right after starting it.
func startFirstReady(candidates []*Session) {
	for _, c := range candidates {
		if c.id != "" {
			go c.Ping(c.id)
			break
		}
	}
	for _, c := range candidates {
		if c.id == "primary" {
			go c.Ping(c.id)
			return
		}
	}
}

// Closures created in the loop and started later: the go statement is not in the loop's
// function.
func hooks(names []string) []func() {
	var starters []func()
	for _, name := range names {
		starters = append(starters, func() { go warmRegion(name) })
	}
	return starters
}

// A fixed pool per shard: the innermost loop counts workers, not data.
func shardPools(shards [][]Job, perShard int) {
	for _, shard := range shards {
		ch := make(chan Job)
		for i := 0; i < perShard; i++ {
			go worker(ch)
		}
		for _, j := range shard {
			ch <- j
		}
	}
}

// Range over something whose type cannot be told (it may be an integer in Go 1.22).
func opaque(s *Store) {
	for i := range s.count() {
		go s.handle(Job{ID: i})
	}
}

func (s *Store) count() int { return 3 }

// A slice made with a worker count rather than len(…), and never grown: ranging over it is
// `for range n`. Filling its elements does not change how many there are.
func startFleet(n int) {
	fleet := make([]chan Job, n)
	for i := range fleet {
		fleet[i] = make(chan Job)
	}
	for i := range fleet {
		go worker(fleet[i])
	}
}

// Hooks the program registered: a list of functions, whose number the code decides.
type Hook func()

type lifecycle struct {
	onStop  []Hook
	onStart []func() error
}

func (l *lifecycle) stop() {
	for _, h := range l.onStop {
		go h()
	}
	for _, start := range l.onStart {
		go start()
	}
	steps := []func(){refresh}
	steps = append(steps, refresh)
	for _, step := range steps {
		go step()
	}
}

// Each goroutine first waits on a channel made for it in the same iteration; the loop after
// hands out the go-ahead two at a time, so that loop sets the pace.
type stage struct {
	start chan bool
	done  chan struct{}
}

func runStages(stages []*stage) {
	for _, st := range stages {
		st.start = make(chan bool)
		st.done = make(chan struct{})
		go func(st *stage) {
			if !<-st.start {
				close(st.done)
				return
			}
			refresh()
			close(st.done)
		}(st)
	}
	for i, st := range stages {
		if i >= 2 {
			<-stages[i-2].done
		}
		st.start <- true
	}
}

// The loop hands over to a new program after starting the goroutine: it never goes round again.
func reexec(argv0 string, args []string, env []string, orders []Order) {
	for _, o := range orders {
		go audit(o)
		syscall.Exec(argv0, args, env)
	}
}

// A goroutine started in a branch, then the process exits whatever the branch did.
func firstFailure(results []error) {
	for _, err := range results {
		if err != nil {
			go report(err)
		}
		os.Exit(1)
	}
}

// A goroutine started in a switch case that then stops the program.
func fatalOnFirst(orders []Order) {
	for _, o := range orders {
		switch {
		case o.ID < 0:
			go audit(o)
			log.Fatalf("bad order %d", o.ID)
		}
	}
}

func report(err error) {}
func audit(o Order)    {}
