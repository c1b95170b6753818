import type { Rule } from '../core/rule';
import { rule as contextCancel } from './context-cancel/rule';
import { rule as contextPropagation } from './context-propagation/rule';
import { rule as deferInLoop } from './defer-in-loop/rule';
import { rule as errorCompare } from './error-compare/rule';
import { rule as errorfWrap } from './errorf-wrap/rule';
import { rule as ginAbortWithoutReturn } from './gin-abort-without-return/rule';
import { rule as goroutineInLoop } from './goroutine-in-loop/rule';
import { rule as goroutineLoopVar } from './goroutine-loop-var/rule';
import { rule as goroutineWithoutExit } from './goroutine-without-exit/rule';
import { rule as grpcInsecureCredentials } from './grpc-insecure-credentials/rule';
import { rule as httpClientTimeout } from './http-client-timeout/rule';
import { rule as httpMaxHeaderBytes } from './http-max-header-bytes/rule';
import { rule as httpResponseBodyClose } from './http-response-body-close/rule';
import { rule as httpServeWithoutTimeouts } from './http-serve-without-timeouts/rule';
import { rule as httpServerShutdown } from './http-server-shutdown/rule';
import { rule as httpServerTimeouts } from './http-server-timeouts/rule';
import { rule as httpTransportLimits } from './http-transport-limits/rule';
import { rule as logUnstructured } from './log-unstructured/rule';
import { rule as metricLabelCardinality } from './metric-label-cardinality/rule';
import { rule as mutexUnlock } from './mutex-unlock/rule';
import { rule as otelSpanEnd } from './otel-span-end/rule';
import { rule as recoverOutsideDefer } from './recover-outside-defer/rule';
import { rule as redisLockWithoutTtl } from './redis-lock-without-ttl/rule';
import { rule as sharedCounterRace } from './shared-counter-race/rule';
import { rule as sqlPoolLimits } from './sql-pool-limits/rule';
import { rule as sqlRowsClose } from './sql-rows-close/rule';
import { rule as sqlRowsErr } from './sql-rows-err/rule';
import { rule as sqlStmtClose } from './sql-stmt-close/rule';
import { rule as sqlStringBuilding } from './sql-string-building/rule';
import { rule as sqlTxRollback } from './sql-tx-rollback/rule';
import { rule as syncPoolReset } from './sync-pool-reset/rule';
import { rule as timeAfterInLoop } from './time-after-in-loop/rule';
import { rule as timeTickLeak } from './time-tick-leak/rule';
import { rule as tlsInsecureSkipVerify } from './tls-insecure-skip-verify/rule';
import { rule as waitgroupAddInsideGoroutine } from './waitgroup-add-inside-goroutine/rule';

/** Every rule the product ships, sorted by id. A test checks this list against the folders. */
export const RULES: readonly Rule[] = [
  contextCancel,
  contextPropagation,
  deferInLoop,
  errorCompare,
  errorfWrap,
  ginAbortWithoutReturn,
  goroutineInLoop,
  goroutineLoopVar,
  goroutineWithoutExit,
  grpcInsecureCredentials,
  httpClientTimeout,
  httpMaxHeaderBytes,
  httpResponseBodyClose,
  httpServeWithoutTimeouts,
  httpServerShutdown,
  httpServerTimeouts,
  httpTransportLimits,
  logUnstructured,
  metricLabelCardinality,
  mutexUnlock,
  otelSpanEnd,
  recoverOutsideDefer,
  redisLockWithoutTtl,
  sharedCounterRace,
  sqlPoolLimits,
  sqlRowsClose,
  sqlRowsErr,
  sqlStmtClose,
  sqlStringBuilding,
  sqlTxRollback,
  syncPoolReset,
  timeAfterInLoop,
  timeTickLeak,
  tlsInsecureSkipVerify,
  waitgroupAddInsideGoroutine,
];

export function ruleById(id: string): Rule | undefined {
  return RULES.find((rule) => rule.meta.id === id);
}
