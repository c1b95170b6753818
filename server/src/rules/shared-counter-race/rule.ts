import type { Node } from 'web-tree-sitter';
import { capture, type Rule } from '../../core/rule';
import { snippet } from '../../core/text';
import { walk } from '../../core/syntax';
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
  check(match, context) {
    const go = capture(match, 'go')!;
    const literal = capture(match, 'literal')!;
    const body = literal.childForFieldName('body');
    if (!body || takesLock(literal)) return;
    const top = topLevel(go);
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

/** Any `.Lock()` / `.RLock()` call in the literal, nested literals included. */
function takesLock(literal: Node): boolean {
  let found = false;
  walk(literal, (node) => {
    if (found) return false;
    if (node.type !== 'call_expression') return undefined;
    const fn = node.childForFieldName('function');
    const method = fn?.type === 'selector_expression' ? fn.childForFieldName('field')?.text : undefined;
    if (method === 'Lock' || method === 'RLock') found = true;
    return undefined;
  });
  return found;
}

/** The counter updates the goroutine itself makes (nested func literals run at other times). */
function updates(body: Node): Update[] {
  const found: Update[] = [];
  walk(body, (node) => {
    if (node.type === 'func_literal') return false;
    const update = updateOf(node);
    if (update) found.push(update);
    return undefined;
  });
  return found;
}

function topLevel(node: Node): Node {
  let current = node;
  while (current.parent && current.parent.type !== 'source_file') current = current.parent;
  return current;
}
