// defer-in-loop: a defer in a loop body, which runs only when the whole function returns.
import type { Node } from 'web-tree-sitter';
import { capture, type Rule, type RuleContext } from '../../core/rule';
import { Range, snippet } from '../../core/text';
import { readsToEnd } from '../../core/release/drain';
import { findLocalDeclaration } from '../../core/scope';
import { FUNCTION_TYPES, findAll, unparen } from '../../core/syntax';
import { wholeNames } from '../../core/query-gates';
import en from './doc.en.md';
import zh from './doc.zh-cn.md';
import query from './query.scm';

const BREAK_TARGETS = new Set(['for_statement', 'expression_switch_statement', 'type_switch_statement', 'select_statement']);

export const rule: Rule = {
  meta: {
    id: 'defer-in-loop',
    title: { en: 'defer inside a loop', 'zh-cn': '在循环中使用 defer' },
    chapter: 'frameworks',
    defaultSeverity: 'warning',
    peers: ['revive:defer', 'gocritic:deferInLoop'],
    fixable: false,
    docs: { en, 'zh-cn': zh },
    // A test's deferred cleanups pile up only until the test function returns.
    skipsTests: true,
  },
  query,
  queryTrigger: wholeNames('defer'),
  check(match, context) {
    const defer = capture(match, 'defer')!;
    const loops: Node[] = [];
    for (let node = defer.parent; node && !FUNCTION_TYPES.has(node.type); node = node.parent) {
      if (node.type === 'for_statement') loops.push(node);
    }
    if (loops.length === 0 || leavesRightAfter(defer, loops[loops.length - 1])) return;
    const oneLine = defer.startPosition.row === defer.endPosition.row;
    const what = oneLine ? `\`${snippet(defer.text, 30)}\`` : '`defer`';
    if (cancelsOwnDeadline(defer, context)) {
      context.report({
        range: headOf(defer, oneLine),
        severity: 'information',
        message: {
          en: `${what} in a loop runs only when the function returns; each iteration's context then lives until its deadline. Move the loop body into a function`,
          'zh-cn': `循环中的 ${what} 要等函数返回才执行，每轮迭代的 context 会一直存活到它的截止时间；把循环体抽成一个函数`,
        },
      });
      return;
    }
    if (drainedBeforeNextIteration(defer, context)) {
      context.report({
        range: headOf(defer, oneLine),
        severity: 'information',
        message: {
          en: `${what} in a loop runs only at return, but each body is read to the end first, freeing its connection; move the loop body into a function`,
          'zh-cn': `循环中的 ${what} 要等函数返回才执行，但每轮的响应体都先被读到末尾，连接已经释放；把循环体抽成一个函数`,
        },
      });
      return;
    }
    const body = readBody(defer);
    if (body) {
      context.report({
        range: headOf(defer, oneLine),
        message: {
          en: `${what} in a loop runs only when the function returns, holding every iteration's connection until then; close \`${snippet(body, 30)}\` once it is read`,
          'zh-cn': `循环中的 ${what} 要等函数返回才执行，每轮迭代的连接都会一直占用到那时；在读完 \`${snippet(body, 30)}\` 之后立即关闭它`,
        },
      });
      return;
    }
    context.report({
      range: headOf(defer, oneLine),
      message: {
        en: `${what} in a loop runs only when the function returns, holding each iteration's resource until then; move the loop body into a function`,
        'zh-cn': `循环中的 ${what} 要等函数返回才执行，每轮迭代获取的资源会一直占用到那时；把循环体抽成一个函数`,
      },
    });
  },
};

/**
 * `ctx, cancel := context.WithTimeout(…)` right before `defer cancel()`: the context frees itself
 * at its deadline, so what piles up is bounded by it (information, not a leak).
 */
function cancelsOwnDeadline(defer: Node, context: RuleContext): boolean {
  const call = defer.namedChildren.find((n) => n?.type === 'call_expression');
  const callee = call?.childForFieldName('function');
  if (callee?.type !== 'identifier' || (call!.childForFieldName('arguments')?.namedChildCount ?? 1) !== 0) return false;
  let previous = defer.previousNamedSibling;
  while (previous?.type === 'comment') previous = previous.previousNamedSibling;
  if (previous?.type !== 'short_var_declaration') return false;
  const names = previous.childForFieldName('left')?.namedChildren ?? [];
  const values = previous.childForFieldName('right')?.namedChildren ?? [];
  if (names.length !== 2 || names[1]?.text !== callee.text || values.length !== 1 || values[0]?.type !== 'call_expression') return false;
  const called = context.types.calledFunction(values[0]);
  return called?.path === 'context' && /^With(Timeout|Deadline)(Cause)?$/.test(called.name);
}

/**
 * `defer resp.Body.Close()` (or of a variable holding a response body) followed, in the same
 * block, by a statement that reads that body to its end, with no `continue`, `break` or `goto`
 * in between: every path to the next iteration drains the body, which releases its connection,
 * so the deferred Close holds nothing that matters.
 */
function drainedBeforeNextIteration(defer: Node, context: RuleContext): boolean {
  const body = closedBody(defer);
  if (!body) return false;
  for (let next = defer.nextNamedSibling; next; next = next.nextNamedSibling) {
    if (readsToEnd(next, body.text, context)) return true;
    if (findAll(next, JUMPS, { skipFuncLiterals: true }).length > 0 || JUMPS.has(next.type)) return false;
  }
  return false;
}

const JUMPS = new Set(['continue_statement', 'break_statement', 'goto_statement']);
const JUMPS_OR_RETURN = new Set([...JUMPS, 'return_statement']);

/**
 * `defer resp.Body.Close()` followed, in the same block and with no `continue`, `break`, `goto`
 * or `return` in between, by a statement that hands the body to a call (`json.NewDecoder(resp.Body)`,
 * `io.Copy(w, resp.Body)`): the body's work is done there, so closing it right after is the
 * simple remedy. The body's text, or undefined.
 */
function readBody(defer: Node): string | undefined {
  const body = closedBody(defer);
  if (!body) return undefined;
  for (let next = defer.nextNamedSibling; next; next = next.nextNamedSibling) {
    if (JUMPS_OR_RETURN.has(next.type)) return undefined;
    const argument = findAll(next, 'argument_list', { skipFuncLiterals: true }).some((list) => list.namedChildren.some((arg) => arg?.text === body.text));
    if (argument) return body.text;
    if (findAll(next, JUMPS_OR_RETURN, { skipFuncLiterals: true }).length > 0) return undefined;
  }
  return undefined;
}

/** The response body a `defer body.Close()` closes, or undefined for any other deferred call. */
function closedBody(defer: Node): Node | undefined {
  const call = defer.namedChildren.find((n) => n?.type === 'call_expression');
  const callee = call?.childForFieldName('function');
  if (callee?.type !== 'selector_expression' || callee.childForFieldName('field')?.text !== 'Close' || (call!.childForFieldName('arguments')?.namedChildCount ?? 1) !== 0) return undefined;
  const body = callee.childForFieldName('operand')!;
  return isResponseBody(body) ? body : undefined;
}

/** `resp.Body`, or a variable set from one (`data := resp.RawBody()` as resty gives it, `b := resp.Body`). */
function isResponseBody(operand: Node): boolean {
  if (operand.type === 'selector_expression') return operand.childForFieldName('field')?.text === 'Body';
  if (operand.type !== 'identifier') return false;
  const declaration = findLocalDeclaration(operand);
  const value = declaration && declaration.values.length === 1 && declaration.index === 0 ? unparen(declaration.values[0]) : undefined;
  if (value?.type === 'selector_expression') return value.childForFieldName('field')?.text === 'Body';
  const fn = value?.type === 'call_expression' ? value.childForFieldName('function') : undefined;
  return fn?.type === 'selector_expression' && fn.childForFieldName('field')?.text === 'RawBody' && value!.childForFieldName('arguments')?.namedChildCount === 0;
}

/**
 * The block holding the defer ends by leaving the function (`return`, `panic`) or the outermost
 * loop (`break`): the defer is registered at most once per call.
 */
function leavesRightAfter(defer: Node, outermost: Node): boolean {
  const list = defer.parent;
  if (list?.type !== 'statement_list') return false;
  const statements = list.namedChildren.filter((n): n is Node => n !== null && n.type !== 'comment');
  const last = statements[statements.length - 1];
  if (!last || last.equals(defer)) return false;
  if (last.type === 'return_statement') return true;
  if (last.type === 'expression_statement') {
    const call = last.namedChild(0);
    return call?.type === 'call_expression' && call.childForFieldName('function')?.text === 'panic';
  }
  if (last.type !== 'break_statement') return false;
  const label = last.namedChild(0)?.text;
  if (label) {
    const labelled = outermost.parent;
    return labelled?.type === 'labeled_statement' && labelled.childForFieldName('label')?.text === label;
  }
  let target: Node | null = last.parent;
  while (target && !BREAK_TARGETS.has(target.type)) target = target.parent;
  return Boolean(target?.equals(outermost));
}

/** The statement when it fits on one line; otherwise the `defer` keyword. */
function headOf(defer: Node, oneLine: boolean): Range {
  const end = oneLine ? defer.endPosition : defer.child(0)!.endPosition;
  return {
    start: { line: defer.startPosition.row, character: defer.startPosition.column },
    end: { line: end.row, character: end.column },
  };
}
