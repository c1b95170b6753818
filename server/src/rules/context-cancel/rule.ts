// The context-cancel rule: a context's cancel function thrown away, or skipped on some path.
import type { Node } from 'web-tree-sitter';
import type { Fix, TextEdit } from '../../core/findings';
import { capture, type Rule, type RuleContext } from '../../core/rule';
import { findDeclarationFrom } from '../../core/scope';
import { enclosingFunction, identifiersNamed } from '../../core/syntax';
import type { LineIndex } from '../../core/text';
import en from './doc.en.md';
import zh from './doc.zh-cn.md';
import { describeExit, followPaths, insideLoop, neverReturns } from '../../core/paths';
import { insertLineAfter } from '../../core/edits';
import { staysInFunction } from './lifetime';
import { bindingOf, usesOf, type Binding } from './uses';

export const rule: Rule = {
  meta: {
    id: 'context-cancel',
    title: { en: 'Context cancel function not called', 'zh-cn': '未调用 context 的 cancel 函数' },
    chapter: 'context',
    defaultSeverity: 'warning',
    peers: ['lostcancel', 'G118'],
    fixable: true,
    longRunning: true,
    docs: { en, 'zh-cn': zh },
  },
  methods: ['WithCancel', 'WithTimeout', 'WithDeadline', 'WithCancelCause', 'WithTimeoutCause', 'WithDeadlineCause'],
  check(match, context) {
    const call = capture(match, 'call')!;
    const called = context.types.calledFunction(call);
    if (called?.path !== 'context') return;
    const binding = bindingOf(call);
    const fn = enclosingFunction(call);
    const body = fn?.childForFieldName('body');
    if (!binding || !fn || !body || binding.target.type !== 'identifier') return;
    const callText = call.childForFieldName('function')!.text;
    const callArgs = called.name === 'WithCancelCause' ? 'nil' : '';
    if (binding.target.text === '_') {
      reportDiscarded(binding, fn, callText, callArgs, context);
      return;
    }
    const name = binding.target.text;
    const uses = usesOf(binding, fn);
    if (!uses || uses.moved) return;
    const start = binding.statement;
    // A deferred closure set up earlier calls whatever the variable holds when the function returns.
    if (uses.releases.some((r) => r.startIndex < start.startIndex && r.type === 'defer_statement' && r.text !== `defer ${name}(${callArgs})`)) return;
    // Returning from main.main ends the process, and every context with it (as go vet reasons).
    if (isMainMain(fn, context)) return;
    const overwrites = new Set(uses.overwrites.map((r) => r.id));
    const answer = followPaths(body, { start, releases: new Set(uses.releases.map((r) => r.id)), overwrites, terminates: neverReturns });
    if (answer.kind !== 'leak') return;
    const deferLine = `defer ${name}(${callArgs})`;
    if (overwrites.has(answer.exit.id) || (uses.discarded && uses.releases.length === 0)) {
      reportLost(binding, fn, callText, deferLine, overwrites.has(answer.exit.id) ? answer.exit : undefined, context);
      return;
    }
    const never = !uses.releases.some((r) => r.startIndex > start.startIndex);
    const loop = insideLoop(start, fn);
    const late = uses.releases.find((r) => r.startIndex > start.startIndex && r.type === 'defer_statement');
    const invocation = `${name}(${callArgs})`;
    const remedy = loop
      ? { en: `call \`${invocation}\` before every exit of the loop body`, zh: `在循环体的每个出口之前调用 \`${invocation}\`` }
      : late
        ? { en: `move \`${deferLine}\` right after the call`, zh: `把 \`${deferLine}\` 挪到调用的下一行` }
        : { en: `add \`${deferLine}\` right after the call`, zh: `在调用的下一行加上 \`${deferLine}\`` };
    const path = describeExit(answer.exit);
    const lines = context.file.lines;
    context.report({
      node: binding.target,
      message: never
        ? {
            en: `\`${name}\` from \`${callText}\` is never called, so the context lives until its parent ends; ${remedy.en}`,
            'zh-cn': `\`${callText}\` 返回的 \`${name}\` 从未被调用，context 要等父 context 结束才会释放；${remedy.zh}`,
          }
        : {
            en: `\`${name}\` from \`${callText}\` is not called on ${path.en}; ${remedy.en}`,
            'zh-cn': `\`${callText}\` 返回的 \`${name}\` 在${path['zh-cn']}上没有被调用，context 会在那里泄漏；${remedy.zh}`,
          },
      fixes: loop || start.parent?.type !== 'statement_list' ? [] : fixesFor(late, deferLine, start, lines, !never || staysInFunction(binding, fn)),
    });
  },
};

/**
 * The cancel function is lost: only ever written as `_ = cancel` (which calls nothing), or
 * replaced by another `context.With…` on `overwrite` before it was called. A defer right after
 * the call cancels this context whatever the variable holds later.
 */
function reportLost({ target, statement }: Binding, fn: Node, callText: string, deferLine: string, overwrite: Node | undefined, context: RuleContext): void {
  const name = target.text;
  const loop = insideLoop(statement, fn);
  // No line numbers in messages: a declaration's findings are kept while it moves up and down.
  const replaced = overwrite !== undefined;
  const remedy = loop ? { en: `call \`${name}()\` before ${replaced ? 'that assignment' : 'the iteration ends'}`, zh: `在${replaced ? '那次赋值' : '本轮迭代结束'}之前调用 \`${name}()\`` } : { en: `add \`${deferLine}\` right after the call`, zh: `在调用的下一行加上 \`${deferLine}\`` };
  context.report({
    node: target,
    message: replaced
      ? {
          en: `\`${name}\` from \`${callText}\` is replaced by a later assignment before it is called, so its context leaks; ${remedy.en}`,
          'zh-cn': `\`${callText}\` 返回的 \`${name}\` 在之后被重新赋值之前没有调用，它的 context 会泄漏到父 context 结束为止；${remedy.zh}`,
        }
      : {
          en: `\`_ = ${name}\` does not call the cancel function of \`${callText}\`, so the context lives until its parent ends; ${remedy.en}`,
          'zh-cn': `\`_ = ${name}\` 并不会调用 \`${callText}\` 返回的 cancel 函数，context 要等父 context 结束才会释放；${remedy.zh}`,
        },
    fixes: loop || statement.parent?.type !== 'statement_list' ? [] : [addedDefer(statement, deferLine, context.file.lines)],
  });
}

/** `ctx, _ := context.WithTimeout(…)`: nothing can ever cancel the context. */
function reportDiscarded(binding: Binding, fn: Node, callText: string, callArgs: string, context: RuleContext): void {
  const { statement, kind, target } = binding;
  const fixes: Fix[] = [];
  const name = 'cancel';
  const free = identifiersNamed(fn, name).length === 0 && !findDeclarationFrom(name, statement) && !context.index.func(name) && !context.index.packageVar(name);
  if (kind !== 'assign' && free && statement.parent?.type === 'statement_list' && !insideLoop(statement, fn) && staysInFunction(binding, fn)) {
    const fix = addedDefer(statement, `defer ${name}(${callArgs})`, context.file.lines);
    fix.title = { en: `Keep the cancel function and add \`defer ${name}(${callArgs})\``, 'zh-cn': `保留 cancel 函数并加上 \`defer ${name}(${callArgs})\`` };
    fix.edits.unshift({
      range: { start: { line: target.startPosition.row, character: target.startPosition.column }, end: { line: target.endPosition.row, character: target.endPosition.column } },
      newText: name,
    });
    fixes.push(fix);
  }
  context.report({
    node: target,
    message: {
      en: `the cancel function of \`${callText}\` is discarded, so the context lives until its parent ends; keep it and \`defer ${name}(${callArgs})\``,
      'zh-cn': `\`${callText}\` 返回的 cancel 函数被丢弃了，context 要等父 context 结束才会释放；接住它并 \`defer ${name}(${callArgs})\``,
    },
    fixes,
  });
}

function isMainMain(fn: Node, context: RuleContext): boolean {
  return context.file.packageName === 'main' && fn.type === 'function_declaration' && fn.childForFieldName('name')?.text === 'main';
}

/**
 * A late `defer cancel()` moved up (it runs at the return either way), else one added. When the
 * function never calls cancel, only for a context that cannot be used after the return: one
 * that a goroutine, a caller or a kept value (rows, a client) goes on using would be cancelled
 * under it. A cancel called on some paths already ends the context inside the function.
 */
function fixesFor(late: Node | undefined, deferLine: string, start: Node, lines: LineIndex, staysInside: boolean): Fix[] {
  const moved = late ? movedDefer(late, deferLine, start, lines) : undefined;
  if (moved) return [moved];
  return staysInside ? [addedDefer(start, deferLine, lines)] : [];
}

function addedDefer(statement: Node, deferLine: string, lines: LineIndex): Fix {
  return { title: { en: `Add \`${deferLine}\``, 'zh-cn': `加上 \`${deferLine}\`` }, edits: [insertLineAfter(statement, deferLine, lines)] };
}

/** Moves a late `defer cancel()` (alone on its line) up to right after the call. */
export function movedDefer(late: Node, deferLine: string, start: Node, lines: LineIndex): Fix | undefined {
  const row = late.startPosition.row;
  if (late.text !== deferLine || lines.lineText(row).trim() !== deferLine) return undefined;
  const isBlank = (line: number) => line >= 0 && line < lines.lineCount && lines.lineText(line).trim() === '';
  const from = isBlank(row - 1) && (isBlank(row + 1) || lines.lineText(row + 1).trim().startsWith('}')) ? row - 1 : row;
  const removal: TextEdit = { range: { start: { line: from, character: 0 }, end: { line: row + 1, character: 0 } }, newText: '' };
  return { title: { en: `Move \`${deferLine}\` right after the call`, 'zh-cn': `把 \`${deferLine}\` 挪到调用之后` }, edits: [insertLineAfter(start, deferLine, lines), removal] };
}
