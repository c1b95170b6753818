// The goroutine-in-loop rule: its metadata, and the check that ties the verdict, the report and the fix together.
import type { Node } from 'web-tree-sitter';
import { capture, type Rule } from '../../core/rule';
import type { Range } from '../../core/text';
import { GO_STATEMENT } from '../../core/query-gates';
import { analysisOf, functionFacts, locate } from './analysis';
import en from './doc.en.md';
import zh from './doc.zh-cn.md';
import { goroutineLiteral } from './go-statement';
import { insideHandler } from './per-request';
import query from './query.scm';
import { semaphoreFix } from './semaphore-fix';
import { unboundedLoop } from './verdict';

export const rule: Rule = {
  meta: {
    id: 'goroutine-in-loop',
    title: { en: 'Unbounded goroutine per loop iteration', 'zh-cn': '循环中无上限地启动 goroutine' },
    chapter: 'concurrency',
    defaultSeverity: 'warning',
    peers: ['G118'],
    fixable: true,
    docs: { en, 'zh-cn': zh },
    skipsTests: true,
  },
  query,
  queryTrigger: GO_STATEMENT,
  check(match, context) {
    const go = capture(match, 'go')!;
    const analysis = analysisOf(context);
    const place = locate(go, analysis);
    if (!place) return;
    const facts = functionFacts(place.top, analysis, context);
    const verdict = unboundedLoop(go, facts, analysis, context, place.loops);
    if (!verdict) return;
    const fix = semaphoreFix(go, verdict, facts, analysis, context);
    const { description, stream } = verdict.driver;
    // A stream has no size at all, and in a handler every request multiplies the fan-out: those
    // can exhaust a service. A collection elsewhere is as large as its length, which is often
    // small by design (a cluster's nodes, configured sites): worth knowing, not an alarm.
    const unbounded = stream || insideHandler(go, context);
    context.report({
      range: reportRange(go, verdict.call),
      severity: unbounded ? undefined : 'information',
      message: unbounded
        ? {
            en: `\`go\` starts a goroutine ${description.en} with no limit on how many run at once; bound them with a semaphore or errgroup's SetLimit`,
            'zh-cn': `\`go\` ${description['zh-cn']}都启动一个 goroutine，同时运行的数量没有上限；请用信号量或设置了 SetLimit 的 errgroup 限制并发`,
          }
        : {
            en: `\`go\` starts a goroutine ${description.en}, all at once; if it can grow large, bound them with a semaphore or errgroup's SetLimit`,
            'zh-cn': `\`go\` ${description['zh-cn']}都同时启动一个 goroutine；如果数量可能变大，请用信号量或设置了 SetLimit 的 errgroup 限制并发`,
          },
      fixes: fix ? [fix] : [],
    });
  },
};

/**
 * The go statement when it fits on one line; otherwise its head, up to the func literal's
 * signature or the called function, so a long goroutine is not underlined in full.
 */
function reportRange(go: Node, call: Node | undefined): Range {
  const start = { line: go.startPosition.row, character: go.startPosition.column };
  const end = go.endPosition;
  if (go.startPosition.row === end.row) return { start, end: { line: end.row, character: end.column } };
  const literal = goroutineLiteral(call);
  const head = literal ? (literal.childForFieldName('result') ?? literal.childForFieldName('parameters') ?? literal) : (call?.childForFieldName('function') ?? go);
  return { start, end: { line: head.endPosition.row, character: head.endPosition.column } };
}
