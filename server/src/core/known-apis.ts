import { named, type TypeRef } from './go-types';

/**
 * Result types of the library functions and methods the rules reason about, so that
 * `db, err := sql.Open(…)` or `rows, err := db.QueryContext(…)` give their variables a type
 * without a type checker. Keyed by import path, then by `Func` or `Type.Method`.
 */
const SQL = 'database/sql';
const SQLX = 'github.com/jmoiron/sqlx';
const HTTP = 'net/http';
const CONTEXT = 'context';
const TIME = 'time';
const ERRGROUP = 'golang.org/x/sync/errgroup';
const OTEL = 'go.opentelemetry.io/otel';
const OTEL_TRACE = 'go.opentelemetry.io/otel/trace';
const OTEL_SDK_TRACE = 'go.opentelemetry.io/otel/sdk/trace';
const PROMETHEUS = 'github.com/prometheus/client_golang/prometheus';
const PROMAUTO = 'github.com/prometheus/client_golang/prometheus/promauto';
/** pgx v4 and v5: the driver package and its pool, by major version. */
export const PGX_PATHS = ['github.com/jackc/pgx/v5', 'github.com/jackc/pgx/v4'];
export const PGXPOOL_PATHS = PGX_PATHS.map((path) => `${path}/pgxpool`);
/** GORM v2, and v1 (github.com/jinzhu/gorm), whose chains look the same but take no context. */
export const GORM = 'gorm.io/gorm';
export const GORM_PATHS = [GORM, 'github.com/jinzhu/gorm'];
/** go-redis moved from github.com/go-redis/redis to github.com/redis/go-redis at v9. */
export const REDIS_PATHS = ['github.com/redis/go-redis/v9', 'github.com/go-redis/redis/v8', 'github.com/go-redis/redis/v7', 'github.com/go-redis/redis'];

const error: TypeRef = { pkg: '', name: 'error', pointer: false, text: 'error' };
const sqlRows = named(SQL, 'Rows');
const sqlRow = named(SQL, 'Row');
const sqlTx = named(SQL, 'Tx');
const sqlStmt = named(SQL, 'Stmt');
const sqlxRows = named(SQLX, 'Rows');
const httpResponse = named(HTTP, 'Response');
const context = named(CONTEXT, 'Context', false);
const cancelFunc = named(CONTEXT, 'CancelFunc', false);
const sqlxStmt = named(SQLX, 'Stmt');
const sqlxNamedStmt = named(SQLX, 'NamedStmt');
const span = named(OTEL_TRACE, 'Span', false);
const tracer = named(OTEL_TRACE, 'Tracer', false);

function methods(type: string, entries: Record<string, TypeRef[]>): Record<string, TypeRef[]> {
  return Object.fromEntries(Object.entries(entries).map(([name, results]) => [`${type}.${name}`, results]));
}

const sqlQueriers = (type: string) =>
  methods(type, {
    Query: [sqlRows, error],
    QueryContext: [sqlRows, error],
    QueryRow: [sqlRow],
    QueryRowContext: [sqlRow],
    Prepare: [sqlStmt, error],
    PrepareContext: [sqlStmt, error],
  });

const execs = (type: string) =>
  methods(type, { Exec: [named(SQL, 'Result', false), error], ExecContext: [named(SQL, 'Result', false), error] });

const sqlxQueriers = (type: string) =>
  methods(type, {
    ...Object.fromEntries(Object.entries(sqlQueriers('')).map(([k, v]) => [k.slice(1), v])),
    Queryx: [sqlxRows, error],
    QueryxContext: [sqlxRows, error],
    NamedQuery: [sqlxRows, error],
    NamedQueryContext: [sqlxRows, error],
  });

export const KNOWN_RESULTS: Record<string, Record<string, TypeRef[]>> = {
  [SQL]: {
    Open: [named(SQL, 'DB'), error],
    OpenDB: [named(SQL, 'DB')],
    ...sqlQueriers('DB'),
    ...sqlQueriers('Tx'),
    ...sqlQueriers('Conn'),
    ...methods('Stmt', { Query: [sqlRows, error], QueryContext: [sqlRows, error], QueryRow: [sqlRow], QueryRowContext: [sqlRow] }),
    ...methods('DB', { Begin: [sqlTx, error], BeginTx: [sqlTx, error], Conn: [named(SQL, 'Conn'), error] }),
    ...methods('Conn', { BeginTx: [sqlTx, error] }),
    ...methods('Tx', { Stmt: [sqlStmt], StmtContext: [sqlStmt] }),
    ...execs('DB'),
    ...execs('Tx'),
    ...execs('Conn'),
    ...execs('Stmt'),
  },
  [SQLX]: {
    Open: [named(SQLX, 'DB'), error],
    Connect: [named(SQLX, 'DB'), error],
    ConnectContext: [named(SQLX, 'DB'), error],
    MustOpen: [named(SQLX, 'DB')],
    MustConnect: [named(SQLX, 'DB')],
    NewDb: [named(SQLX, 'DB')],
    ...sqlxQueriers('DB'),
    ...sqlxQueriers('Tx'),
    ...sqlxQueriers('Conn'),
    ...methods('DB', { Beginx: [named(SQLX, 'Tx'), error], BeginTxx: [named(SQLX, 'Tx'), error], Begin: [sqlTx, error], BeginTx: [sqlTx, error] }),
    ...methods('DB', { MustBegin: [named(SQLX, 'Tx')], MustBeginTx: [named(SQLX, 'Tx')], Connx: [named(SQLX, 'Conn'), error] }),
    ...methods('Conn', { BeginTxx: [named(SQLX, 'Tx'), error] }),
    ...methods('DB', { Preparex: [sqlxStmt, error], PreparexContext: [sqlxStmt, error], PrepareNamed: [sqlxNamedStmt, error], PrepareNamedContext: [sqlxNamedStmt, error] }),
    ...methods('Tx', { Preparex: [sqlxStmt, error], PreparexContext: [sqlxStmt, error], PrepareNamed: [sqlxNamedStmt, error], PrepareNamedContext: [sqlxNamedStmt, error] }),
    ...methods('Tx', { Stmtx: [sqlxStmt], StmtxContext: [sqlxStmt], NamedStmt: [sqlxNamedStmt], NamedStmtContext: [sqlxNamedStmt] }),
    ...methods('Conn', { PreparexContext: [sqlxStmt, error] }),
    ...methods('Stmt', { Queryx: [sqlxRows, error], QueryxContext: [sqlxRows, error] }),
    ...methods('NamedStmt', { Query: [sqlRows, error], QueryContext: [sqlRows, error], Queryx: [sqlxRows, error], QueryxContext: [sqlxRows, error] }),
  },
  [HTTP]: {
    Get: [httpResponse, error],
    Head: [httpResponse, error],
    Post: [httpResponse, error],
    PostForm: [httpResponse, error],
    NewRequest: [named(HTTP, 'Request'), error],
    NewRequestWithContext: [named(HTTP, 'Request'), error],
    ...methods('Client', { Do: [httpResponse, error], Get: [httpResponse, error], Head: [httpResponse, error], Post: [httpResponse, error], PostForm: [httpResponse, error] }),
    ...methods('Request', { Context: [named(CONTEXT, 'Context', false)] }),
  },
  [CONTEXT]: {
    Background: [context],
    TODO: [context],
    WithCancel: [context, cancelFunc],
    WithTimeout: [context, cancelFunc],
    WithDeadline: [context, cancelFunc],
    WithCancelCause: [context, named(CONTEXT, 'CancelCauseFunc', false)],
    WithTimeoutCause: [context, cancelFunc],
    WithDeadlineCause: [context, cancelFunc],
    WithoutCancel: [context],
    WithValue: [context],
    Cause: [error],
    ...methods('Context', { Err: [error] }),
  },
  errors: {
    New: [error],
    Join: [error],
    Unwrap: [error],
  },
  fmt: {
    Errorf: [error],
  },
  [ERRGROUP]: {
    WithContext: [named(ERRGROUP, 'Group'), context],
  },
  [TIME]: {
    NewTicker: [named(TIME, 'Ticker')],
    NewTimer: [named(TIME, 'Timer')],
    AfterFunc: [named(TIME, 'Timer')],
  },
  [OTEL]: {
    Tracer: [tracer],
    GetTracerProvider: [named(OTEL_TRACE, 'TracerProvider', false)],
  },
  [OTEL_TRACE]: {
    SpanFromContext: [span],
    ...methods('Tracer', { Start: [context, span] }),
    ...methods('TracerProvider', { Tracer: [tracer] }),
  },
  [OTEL_SDK_TRACE]: {
    NewTracerProvider: [named(OTEL_SDK_TRACE, 'TracerProvider')],
    ...methods('TracerProvider', { Tracer: [tracer] }),
  },
  [PROMETHEUS]: prometheusConstructors(),
  [PROMAUTO]: {
    ...prometheusConstructors(),
    With: [named(PROMAUTO, 'Factory', false)],
    ...methods('Factory', prometheusConstructors()),
  },
  ...Object.fromEntries(REDIS_PATHS.map((path) => [path, redisConstructors(path)])),
  ...Object.fromEntries(PGX_PATHS.map((path) => [path, pgxDriver(path)])),
  ...Object.fromEntries(PGX_PATHS.map((path) => [`${path}/pgxpool`, pgxPool(path)])),
  ...Object.fromEntries(GORM_PATHS.map((path) => [path, gormChain(path)])),
};

/**
 * pgx: a connection, and transactions begun on it, return `pgx.Rows` (an interface) from Query.
 * `Tx` is an interface too; pgxpool's `*Tx` is what a pool's transaction is underneath.
 */
function pgxDriver(path: string): Record<string, TypeRef[]> {
  const conn = named(path, 'Conn');
  const tx = named(path, 'Tx', false);
  const querier = { Query: [named(path, 'Rows', false), error], QueryRow: [named(path, 'Row', false)], Begin: [tx, error] };
  return {
    Connect: [conn, error],
    ConnectConfig: [conn, error],
    ...methods('Conn', { ...querier, BeginTx: [tx, error] }),
    ...methods('Tx', querier),
  };
}

/** pgxpool: `New`/`NewWithConfig` (v5) or `Connect`/`ConnectConfig` (v4) open a pool. */
function pgxPool(driver: string): Record<string, TypeRef[]> {
  const path = `${driver}/pgxpool`;
  const pool = named(path, 'Pool');
  const tx = named(driver, 'Tx', false);
  const querier = { Query: [named(driver, 'Rows', false), error], QueryRow: [named(driver, 'Row', false)], Begin: [tx, error], BeginTx: [tx, error] };
  return {
    New: [pool, error],
    NewWithConfig: [pool, error],
    Connect: [pool, error],
    ConnectConfig: [pool, error],
    ...methods('Pool', { ...querier, Acquire: [named(path, 'Conn'), error] }),
    ...methods('Conn', querier),
    ...methods('Tx', querier),
  };
}

/**
 * GORM's chain: every builder and finisher method returns the `*gorm.DB` it built, so a chain
 * keeps its type from the receiver to the last call.
 */
function gormChain(path: string): Record<string, TypeRef[]> {
  const db = named(path, 'DB');
  const chain = [
    'Where', 'Or', 'Not', 'Order', 'Group', 'Having', 'Select', 'Omit', 'Joins', 'InnerJoins', 'Preload', 'Table', 'Model',
    'Limit', 'Offset', 'Distinct', 'Scopes', 'Clauses', 'Attrs', 'Assign', 'Unscoped', 'Debug', 'Session', 'WithContext', 'Set',
    'Raw', 'Exec', 'Find', 'First', 'Last', 'Take', 'Create', 'CreateInBatches', 'Save', 'Update', 'Updates', 'UpdateColumn',
    'UpdateColumns', 'Delete', 'Count', 'Scan', 'Pluck', 'FirstOrCreate', 'FirstOrInit', 'FindInBatches', 'Begin', 'Commit', 'Rollback',
  ];
  return {
    Open: [db, error],
    ...methods('DB', Object.fromEntries(chain.map((method) => [method, [db]]))),
  };
}

/** The labelled Prometheus collectors, which promauto builds too (already registered). */
function prometheusConstructors(): Record<string, TypeRef[]> {
  const vecs = ['CounterVec', 'GaugeVec', 'HistogramVec', 'SummaryVec'];
  return Object.fromEntries(vecs.map((vec) => [`New${vec}`, [named(PROMETHEUS, vec)]]));
}

function redisConstructors(path: string): Record<string, TypeRef[]> {
  return {
    NewClient: [named(path, 'Client')],
    NewFailoverClient: [named(path, 'Client')],
    NewClusterClient: [named(path, 'ClusterClient')],
    NewRing: [named(path, 'Ring')],
    NewUniversalClient: [named(path, 'UniversalClient', false)],
  };
}

/** Types whose methods are promoted from another known type (sqlx.DB embeds *sql.DB). */
export const KNOWN_EMBEDS: Record<string, TypeRef[]> = {
  [`${SQLX}.DB`]: [named(SQL, 'DB')],
  [`${SQLX}.Tx`]: [named(SQL, 'Tx')],
  [`${SQLX}.Conn`]: [named(SQL, 'Conn')],
  [`${SQLX}.Rows`]: [sqlRows],
  [`${SQLX}.Stmt`]: [sqlStmt],
};

export function knownFunctionResults(pkg: string, func: string): TypeRef[] | undefined {
  return KNOWN_RESULTS[pkg]?.[func];
}

export function knownMethodResults(type: TypeRef, method: string): TypeRef[] | undefined {
  if (!type.pkg || !type.name) return undefined;
  const direct = KNOWN_RESULTS[type.pkg]?.[`${type.name}.${method}`];
  if (direct) return direct;
  for (const embedded of KNOWN_EMBEDS[`${type.pkg}.${type.name}`] ?? []) {
    const promoted = knownMethodResults(embedded, method);
    if (promoted) return promoted;
  }
  return undefined;
}

/**
 * Where text from outside the process enters a Go program, for the rules that ask "does this
 * come from outside?": package variables (`os.Args`, `os.Stdin`) and functions whose result is
 * such text (`os.Getenv`, `flag.Arg`; `flag.String` returns a pointer to it). Request data is
 * told apart by the request's type (`request-types.ts`), not listed here.
 */
export const INPUT_VALUES: Readonly<Record<string, readonly string[]>> = { os: ['Args', 'Stdin'] };
export const INPUT_CALLS: Readonly<Record<string, readonly string[]>> = {
  os: ['Getenv', 'LookupEnv', 'Environ'],
  flag: ['Arg', 'Args', 'String'],
  'github.com/spf13/pflag': ['Arg', 'Args', 'String', 'StringP'],
};

/**
 * Functions that store outside input into the variables whose addresses they are given
 * (`fmt.Scanln(&name)`, `flag.StringVar(&table, …)`): the index of the first such argument.
 */
export const INPUT_FILLS: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  fmt: { Scan: 0, Scanln: 0, Scanf: 1 },
  flag: { StringVar: 0 },
  'github.com/spf13/pflag': { StringVar: 0, StringVarP: 0 },
};

/**
 * Functions that parse the text or reader they are given into the variables whose addresses
 * follow (`fmt.Sscanf(line, "%s", &name)`, `json.Unmarshal(body, &req)`): the index of the input
 * and of the first target. The targets hold outside input when the input is.
 */
export const PARSE_FILLS: Readonly<Record<string, Readonly<Record<string, readonly [number, number]>>>> = {
  fmt: { Sscan: [0, 1], Sscanln: [0, 1], Sscanf: [0, 2], Fscan: [0, 1], Fscanln: [0, 1], Fscanf: [0, 2] },
  'encoding/json': { Unmarshal: [0, 1] },
  'encoding/xml': { Unmarshal: [0, 1] },
  'gopkg.in/yaml.v3': { Unmarshal: [0, 1] },
};

/** String and byte functions whose result is a number or a bool, not text. */
const TEXT_PREDICATES = /^(Contains|Count|Equal|EqualFold|HasPrefix|HasSuffix|Index|LastIndex|Compare|ValidString)/;

/**
 * Library functions whose result carries the text of their arguments: string operations,
 * formatting, quoting, path cleaning, and readers or decoders over a reader.
 */
const TEXT_CALLS: Readonly<Record<string, readonly string[]>> = {
  fmt: ['Sprint', 'Sprintf', 'Sprintln', 'Append', 'Appendf', 'Appendln'],
  strconv: ['Quote', 'QuoteToASCII', 'QuoteToGraphic', 'Unquote', 'AppendQuote'],
  path: ['Base', 'Clean', 'Dir', 'Ext', 'Join', 'Split'],
  'path/filepath': ['Abs', 'Base', 'Clean', 'Dir', 'Ext', 'FromSlash', 'Join', 'Rel', 'Split', 'ToSlash'],
  'net/url': ['Parse', 'ParseQuery', 'ParseRequestURI', 'PathUnescape', 'QueryUnescape'],
  html: ['UnescapeString'],
  io: ['LimitReader', 'MultiReader', 'NopCloser', 'ReadAll', 'TeeReader'],
  'io/ioutil': ['NopCloser', 'ReadAll'],
  bufio: ['NewReader', 'NewReaderSize', 'NewScanner'],
  'encoding/json': ['NewDecoder'],
  'encoding/xml': ['NewDecoder'],
};

/** True when the result of `path.name(…)` carries the text of its arguments. */
export function carriesText(path: string, name: string): boolean {
  if (path === 'strings' || path === 'bytes') return !TEXT_PREDICATES.test(name);
  return TEXT_CALLS[path]?.includes(name) ?? false;
}

/** Quoting functions of SQL drivers: what they return is safe inside SQL text. */
export const SQL_QUOTERS: Readonly<Record<string, readonly string[]>> = {
  'github.com/lib/pq': ['QuoteIdentifier', 'QuoteLiteral'],
};
