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
};

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
