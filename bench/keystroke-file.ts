// A realistic 5,000-line Go file for the benchmarks: stores, handlers, fan-out, lookups.
const TEMPLATE = (n: number) => `
type Store${n} struct {
	db     *sql.DB
	client *http.Client
}

func (s *Store${n}) Users${n}(ctx context.Context, team int64) ([]string, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT name FROM users WHERE team = $1", team)
	if err != nil {
		return nil, fmt.Errorf("query team %d: %w", team, err)
	}
	defer rows.Close()
	var names []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return nil, err
		}
		names = append(names, name)
	}
	return names, rows.Err()
}

func serve${n}(mux *http.ServeMux) error {
	srv := &http.Server{Addr: ":8080", Handler: mux, ReadHeaderTimeout: 2 * time.Second}
	return srv.ListenAndServe()
}

func fanOut${n}(ctx context.Context, items []string) {
	var wg sync.WaitGroup
	for _, item := range items {
		wg.Add(1)
		go func() {
			defer wg.Done()
			process(context.Background(), item)
		}()
	}
	wg.Wait()
}

func lookup${n}(db *sql.DB, id int) (string, error) {
	var name string
	err := db.QueryRow("SELECT name FROM users WHERE id = $1", id).Scan(&name)
	return name, err
}
`;

export function buildFile(minLines: number): string {
  let text = 'package bench\n\nimport (\n\t"context"\n\t"database/sql"\n\t"fmt"\n\t"net/http"\n\t"sync"\n\t"time"\n)\n';
  for (let n = 0; text.split('\n').length < minLines; n++) text += TEMPLATE(n);
  return text;
}

