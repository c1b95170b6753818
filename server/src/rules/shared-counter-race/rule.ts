import type { Node } from 'web-tree-sitter';
import { capture, type Rule, type RuleContext } from '../../core/rule';
import { treeMemo } from '../../core/tree-memo';
import { snippet } from '../../core/text';
import { walk } from '../../core/syntax';
import { GO_STATEMENT } from '../../core/query-gates';
import en from './doc.en.md';
import zh from './doc.zh-cn.md';
import { atomicFix } from './fix';
import query from './query.scm';
import { raceReason } from './sharing';
import { ownerOf, updateOf, type Update } from './target';

export const rule: Rule = {
  meta: {
    id: 'shared-counter-race',
    title: { en: 'Shared counter updated without synchronisation', 'zh-cn': '无同步地修改共享计数器' },
    chapter: 'concurrency',
    defaultSeverity: 'warning',
    peers: [],
    fixable: true,
    docs: { en, 'zh-cn': zh },
  },
  query,
  queryTrigger: GO_STATEMENT,
  check(match, context) {
    const go = capture(match, 'go')!;
    const literal = capture(match, 'literal')!;
    const body = literal.childForFieldName('body');
    if (!body || takesLock(literal, context)) return;
    const top = topLevel(go, context);
    for (const update of updates(body)) {
      const owner = ownerOf(update.target, literal, context);
      if (!owner) continue;
      const reason = raceReason(update, owner, go, top, context);
      if (!reason) continue;
      const atomic = atomicFix(update, context);
      const name = update.target.text;
      const statement = snippet(update.statement.text, 30);
      const remedy = atomic
        ? { en: `use \`${atomic.call}\` or hold a mutex`, 'zh-cn': `改用 \`${atomic.call}\`，或加互斥锁` }
        : { en: 'use a sync/atomic type such as `atomic.Int64` or a mutex', 'zh-cn': '改成 `atomic.Int64` 等 sync/atomic 类型，或用互斥锁保护' };
      context.report({
        node: update.statement,
        message: {
          en: `\`${statement}\` in a goroutine races on \`${name}\` (${reason.en}); ${remedy.en}`,
          'zh-cn': `goroutine 中的 \`${statement}\` 对 \`${name}\` 存在数据竞争（${reason['zh-cn']}）；${remedy['zh-cn']}`,
        },
        fixes: atomic ? [atomic.fix] : [],
      });
    }
  },
};

/**
 * Any `.Lock()` / `.RLock()` call in the literal, nested literals included. The file's lock
 * calls are found once, from its text, so nested goroutines do not each read what they contain.
 */
function takesLock(literal: Node, context: RuleContext): boolean {
  const calls = treeMemo(context.file.tree, 'lock-calls', () => lockCalls(context.file.tree.rootNode, context.file.text));
  let low = 0;
  let high = calls.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (calls[mid] < literal.startIndex) low = mid + 1;
    else high = mid;
  }
  return low < calls.length && calls[low] < literal.endIndex;
}

/** Start offsets, in order, of the calls `x.Lock()` and `x.RLock()` of a file. */
function lockCalls(root: Node, text: string): number[] {
  const starts: number[] = [];
  for (const hit of text.matchAll(/\.\s*(R?Lock)\s*\(/g)) {
    const at = hit.index + hit[0].indexOf(hit[1]);
    const field = root.descendantForIndex(at, at + hit[1].length);
    const selector = field?.type === 'field_identifier' ? field.parent : null;
    const call = selector?.type === 'selector_expression' ? selector.parent : null;
    if (call?.type === 'call_expression' && call.childForFieldName('function')?.equals(selector!)) starts.push(call.startIndex);
  }
  return starts;
}

/** The statements `updateOf` reads, and the literals the walk does not enter. */
const UPDATE_TYPES: ReadonlySet<string> = new Set(['func_literal', 'inc_statement', 'dec_statement', 'assignment_statement']);

/** The counter updates the goroutine itself makes (nested func literals run at other times). */
function updates(body: Node): Update[] {
  const found: Update[] = [];
  walk(body, (node) => {
    if (node.type === 'func_literal') return false;
    const update = updateOf(node);
    if (update) found.push(update);
    return undefined;
  }, UPDATE_TYPES);
  return found;
}

/** The top-level declaration around a node, from the file's list of them (nesting may be deep). */
function topLevel(node: Node, context: RuleContext): Node {
  const { declarations, tree } = context.file;
  let low = 0;
  let high = declarations.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (node.startIndex < declarations[mid].startIndex) high = mid - 1;
    else if (node.startIndex >= declarations[mid].endIndex) low = mid + 1;
    else return tree.rootNode.child(mid) ?? node;
  }
  return node;
}
