// The goroutine-in-loop rule: its metadata, and the check that ties the verdict, the report and the fix together.
import type { Node } from 'web-tree-sitter';
import { capture, type Rule } from '../../core/rule';
import type { Range } from '../../core/text';
import { analysisOf, functionFacts, locate } from './analysis';
import en from './doc.en.md';
import zh from './doc.zh-cn.md';
import { goroutineLiteral } from './go-statement';
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
  check(match, context) {
    const go = capture(match, 'go')!;
    const analysis = analysisOf(context);
    const place = locate(go, analysis);
    if (!place) return;
    const facts = functionFacts(place.top, analysis, context);
    const verdict = unboundedLoop(go, facts, analysis, context, place.loops);
    if (!verdict) return;
    const fix = semaphoreFix(go, verdict, facts, analysis, context);
    context.report({
      range: reportRange(go, verdict.call),
      message: {
        en: `\`go\` starts one goroutine ${verdict.driver.description.en} with no limit on how many run at once; take a slot in a semaphore channel before it or use errgroup with SetLimit`,
        'zh-cn': `\`go\` ${verdict.driver.description['zh-cn']}都启动一个 goroutine，同时运行的数量没有上限；请在启动前先从信号量 channel 占一个位置，或改用设置了 SetLimit 的 errgroup`,
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
