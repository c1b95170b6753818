// The mutex-unlock rule: a Lock with a path out of the function that never unlocks.
import type { Node } from 'web-tree-sitter';
import type { Fix, TextEdit } from '../../core/findings';
import { capture, type Rule } from '../../core/rule';
import { enclosingFunction } from '../../core/syntax';
import type { LineIndex } from '../../core/text';
import { describeExit, followPaths, insideLoop, neverReturns } from '../../core/paths';
import { insertLineAfter } from '../../core/edits';
import en from './doc.en.md';
import zh from './doc.zh-cn.md';
import { mutexOf, squash, unlocksIn } from './unlocks';

export const rule: Rule = {
  meta: {
    id: 'mutex-unlock',
    title: { en: 'Mutex not unlocked on every path', 'zh-cn': '锁没有在所有路径上释放' },
    chapter: 'concurrency',
    defaultSeverity: 'warning',
    peers: [],
    fixable: true,
    docs: { en, 'zh-cn': zh },
  },
  methods: ['Lock', 'RLock'],
  check(match, context) {
    // `x.Lock()` or `x.RLock()` as a statement.
    const statement = capture(match, 'call')!.parent;
    if (statement?.type !== 'expression_statement' || capture(match, 'arguments')!.namedChildCount !== 0) return;
    const operand = capture(match, 'operand')!;
    const method = capture(match, 'method')!.text;
    const fn = enclosingFunction(statement);
    const body = fn?.childForFieldName('body');
    if (!fn || !body) return;
    const mutex = mutexOf(operand, context);
    if (!mutex || (method === 'RLock' && mutex.kind !== 'RWMutex')) return;
    const text = squash(operand.text);
    const unlock = method === 'Lock' ? 'Unlock' : 'RUnlock';
    const unlocks = unlocksIn(fn, text, unlock, mutex.embedded);
    if (unlocks.handedOff || unlocks.heldByCaller) return;
    // A function that locks and never unlocks, named for it (`lockShard`, `rlockAll`), is a
    // helper whose caller unlocks.
    if (unlocks.releases.length === 0 && (/lock/i.test(functionName(fn)) || context.file.isTest || onlyJob(statement))) return;
    // `Lock(); defer Unlock(); …; Unlock(); wait(); Lock()`: the earlier defer releases the relock.
    if (unlocks.releases.some((r) => r.type === 'defer_statement' && r.startIndex < statement.startIndex)) return;
    if (lockedInSameCondition(statement, unlocks.releases, fn)) return;
    const answer = followPaths(body, { start: statement, releases: new Set(unlocks.releases.map((r) => r.id)), terminates: neverReturns });
    if (answer.kind !== 'leak') return;
    const call = `${operand.text}.${unlock}()`;
    const loop = insideLoop(statement, fn);
    const fix = loop ? undefined : unlocks.releases.length === 0 ? addedDefer(statement, call, context.file.lines) : movedUnlock(statement, unlocks, body, call, context.file.lines);
    const lock = `${operand.text}.${method}()`;
    const subject = `\`${operand.text}\``;
    const path = describeExit(answer.exit);
    context.report({
      node: statement.namedChild(0)!,
      message:
        unlocks.releases.length === 0
          ? {
              en: `${subject} is locked and never unlocked in this function; add \`defer ${call}\` right after \`${lock}\``,
              'zh-cn': `${subject} 在这个函数里加了锁却从未解锁；在 \`${lock}\` 的下一行加上 \`defer ${call}\``,
            }
          : loop
            ? {
                en: `${subject} stays locked on ${path.en}; call \`${call}\` before that exit`,
                'zh-cn': `${subject} 在${path['zh-cn']}上一直没有解锁；在那个出口之前调用 \`${call}\``,
              }
            : {
                en: `${subject} stays locked on ${path.en}; use \`defer ${call}\` right after \`${lock}\``,
                'zh-cn': `${subject} 在${path['zh-cn']}上一直没有解锁；在 \`${lock}\` 的下一行改用 \`defer ${call}\``,
              },
      fixes: fix ? [fix] : [],
    });
  },
};

/** The lock is all the function does (or it then only returns): a helper that locks for its caller. */
function onlyJob(statement: Node): boolean {
  for (let next = statement.nextNamedSibling; next; next = next.nextNamedSibling) {
    if (next.type !== 'comment' && next.type !== 'return_statement') return false;
  }
  return enclosingFunction(statement)?.childForFieldName('body')?.namedChild(0)?.equals(statement.parent!) === true;
}

function functionName(fn: Node): string {
  return fn.childForFieldName('name')?.text ?? '';
}

/**
 * `if shared { mu.Lock() }` … `if shared { mu.Unlock() }`: the lock and an unlock sit under ifs
 * with the same condition, a pairing that a path-by-path reading would take for a leak.
 */
function lockedInSameCondition(lock: Node, releases: Node[], fn: Node): boolean {
  const conditions = (node: Node) => {
    const found: string[] = [];
    for (let current = node.parent; current && !current.equals(fn); current = current.parent) {
      if (current.type === 'if_statement') found.push(squash(current.childForFieldName('condition')?.text ?? ''));
    }
    return found;
  };
  const around = new Set(conditions(lock));
  return around.size > 0 && releases.some((release) => conditions(release).some((c) => around.has(c)));
}

function addedDefer(statement: Node, call: string, lines: LineIndex): Fix | undefined {
  if (statement.parent?.type !== 'statement_list') return undefined;
  return { title: { en: `Add \`defer ${call}\``, 'zh-cn': `加上 \`defer ${call}\`` }, edits: [insertLineAfter(statement, `defer ${call}`, lines)] };
}

/**
 * The one explicit unlock, at the end of the function body, becomes a defer after the lock.
 * Only when the lock is in the body itself and nothing but a return without calls follows the
 * unlock: anything else would run under the lock once the unlock is deferred.
 */
function movedUnlock(statement: Node, unlocks: ReturnType<typeof unlocksIn>, body: Node, call: string, lines: LineIndex): Fix | undefined {
  if (unlocks.releases.length !== 1 || unlocks.explicit.length !== 1) return undefined;
  const [unlock] = unlocks.explicit;
  const list = body.namedChildren.find((n) => n?.type === 'statement_list');
  if (!list || !statement.parent?.equals(list) || !unlock.parent?.equals(list) || unlock.startIndex < statement.startIndex) return undefined;
  const after: Node[] = [];
  for (let next = unlock.nextNamedSibling; next; next = next.nextNamedSibling) if (next.type !== 'comment') after.push(next);
  const trailingReturn = after.length === 1 && after[0].type === 'return_statement' && after[0].descendantsOfType('call_expression').length === 0 && after[0].descendantsOfType('func_literal').length === 0;
  if (after.length > 1 || (after.length === 1 && !trailingReturn)) return undefined;
  const row = unlock.startPosition.row;
  if (lines.lineText(row).trim() !== unlock.text) return undefined;
  const removal: TextEdit = { range: { start: { line: row, character: 0 }, end: { line: row + 1, character: 0 } }, newText: '' };
  return { title: { en: `Defer \`${call}\` right after the lock`, 'zh-cn': `在加锁之后改用 \`defer ${call}\`` }, edits: [insertLineAfter(statement, `defer ${call}`, lines), removal] };
}
