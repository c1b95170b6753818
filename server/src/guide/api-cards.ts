import { REDIS_PATHS } from '../core/known-apis';
import en from './cards/en.md';
import zh from './cards/zh-cn.md';
import type { GuideLanguage } from './chapters';

/**
 * The guidance cards: what the guide recommends for a key API, shown on hover even when the
 * code is fine. `apis` are the resolved names that show the card: `path.Func`, `path.Type` or
 * `path.Type.Method`, always through the file's imports, never by the identifier's spelling.
 */
export interface ApiCard {
  id: string;
  /** The rule whose guide section the card links to. */
  rule: string;
  apis: readonly string[];
}

const HTTP = 'net/http';
const SQL = 'database/sql';
const SQL_HOLDERS = ['DB', 'Tx', 'Conn'];
const PROMETHEUS = ['github.com/prometheus/client_golang/prometheus', 'github.com/prometheus/client_golang/prometheus/promauto'];
const VECS = ['NewCounterVec', 'NewGaugeVec', 'NewHistogramVec', 'NewSummaryVec'];
const REDIS_CLIENTS = ['Client', 'ClusterClient', 'Ring', 'UniversalClient'];
const GIN_ABORTS = ['Abort', 'AbortWithStatus', 'AbortWithStatusJSON', 'AbortWithError'];

const each = (prefixes: readonly string[], names: readonly string[]) => prefixes.flatMap((prefix) => names.map((name) => `${prefix}.${name}`));

export const API_CARDS: readonly ApiCard[] = [
  { id: 'http-server', rule: 'http-server-timeouts', apis: [`${HTTP}.Server`] },
  { id: 'http-listen-and-serve', rule: 'http-serve-without-timeouts', apis: each([HTTP], ['ListenAndServe', 'ListenAndServeTLS', 'Serve', 'ServeTLS']) },
  { id: 'http-client', rule: 'http-client-timeout', apis: [`${HTTP}.Client`] },
  { id: 'http-transport', rule: 'http-transport-limits', apis: [`${HTTP}.Transport`] },
  { id: 'sql-open', rule: 'sql-pool-limits', apis: [`${SQL}.Open`] },
  { id: 'sql-query', rule: 'sql-rows-close', apis: each(SQL_HOLDERS.map((type) => `${SQL}.${type}`), ['Query', 'QueryContext']) },
  { id: 'sql-prepare', rule: 'sql-stmt-close', apis: [`${SQL}.DB.Prepare`, `${SQL}.DB.PrepareContext`, `${SQL}.Conn.PrepareContext`] },
  { id: 'sql-begin', rule: 'sql-tx-rollback', apis: [`${SQL}.DB.Begin`, `${SQL}.DB.BeginTx`, `${SQL}.Conn.BeginTx`] },
  { id: 'context-with-timeout', rule: 'context-cancel', apis: each(['context'], ['WithTimeout', 'WithDeadline', 'WithTimeoutCause', 'WithDeadlineCause']) },
  { id: 'context-with-cancel', rule: 'context-cancel', apis: each(['context'], ['WithCancel', 'WithCancelCause']) },
  { id: 'errgroup', rule: 'goroutine-in-loop', apis: ['golang.org/x/sync/errgroup.Group'] },
  { id: 'waitgroup', rule: 'waitgroup-add-inside-goroutine', apis: ['sync.WaitGroup'] },
  { id: 'mutex', rule: 'mutex-unlock', apis: ['sync.Mutex', 'sync.RWMutex'] },
  { id: 'sync-pool', rule: 'sync-pool-reset', apis: ['sync.Pool'] },
  { id: 'time-tick', rule: 'time-tick-leak', apis: ['time.Tick'] },
  { id: 'time-new-ticker', rule: 'time-tick-leak', apis: ['time.NewTicker'] },
  { id: 'fmt-errorf', rule: 'errorf-wrap', apis: ['fmt.Errorf'] },
  { id: 'tracer-start', rule: 'otel-span-end', apis: ['go.opentelemetry.io/otel/trace.Tracer.Start'] },
  { id: 'prometheus-vec', rule: 'metric-label-cardinality', apis: each(PROMETHEUS, VECS) },
  { id: 'grpc-client', rule: 'grpc-insecure-credentials', apis: each(['google.golang.org/grpc'], ['NewClient', 'Dial', 'DialContext']) },
  { id: 'redis-setnx', rule: 'redis-lock-without-ttl', apis: each(each(REDIS_PATHS, REDIS_CLIENTS), ['SetNX']) },
  { id: 'gin-abort', rule: 'gin-abort-without-return', apis: each(['github.com/gin-gonic/gin.Context'], GIN_ABORTS) },
];

const byApi = new Map(API_CARDS.flatMap((card) => card.apis.map((api) => [api, card] as const)));

export function cardForApi(api: string): ApiCard | undefined {
  return byApi.get(api);
}

const TEXTS: Record<GuideLanguage, Map<string, string>> = { en: sections(en), 'zh-cn': sections(zh) };

/** The card's Markdown in one language. */
export function cardText(card: ApiCard, language: GuideLanguage): string {
  return TEXTS[language].get(card.id) ?? TEXTS.en.get(card.id) ?? '';
}

/** The `## id` sections of a cards file. */
export function sections(markdown: string): Map<string, string> {
  const result = new Map<string, string>();
  for (const part of markdown.split(/^## /m).slice(1)) {
    const newline = part.indexOf('\n');
    result.set(part.slice(0, newline).trim(), part.slice(newline + 1).trim());
  }
  return result;
}
