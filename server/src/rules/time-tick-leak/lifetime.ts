// Whether the function that calls time.Tick lives as long as the program, in which case its
// ticker is never garbage and there is nothing to leak.
import type { Node } from 'web-tree-sitter';
import { walk } from '../../core/syntax';

const BREAK_TARGETS = new Set(['for_statement', 'expression_switch_statement', 'type_switch_statement', 'select_statement']);

/** `main` of package main, or an `init` function. */
export function isProgramEntry(fn: Node, packageName: string): boolean {
  if (fn.type !== 'function_declaration') return false;
  const name = fn.childForFieldName('name')?.text;
  return name === 'init' || (name === 'main' && packageName === 'main');
}

/**
 * True when the function ends in a loop that never finishes (`for {}`, `for ;; {}` or a range
 * over a `time.Tick` channel, which is never closed, given inline or through a variable declared
 * with it: `t := time.Tick(d); for range t {}`), nothing breaks out of it, and the function has no
 * `return` or `goto` at all.
 */
export function neverReturns(fn: Node, isTick: (call: Node) => boolean): boolean {
  const body = fn.childForFieldName('body');
  const list = body?.namedChildren.find((n) => n?.type === 'statement_list');
  const statements = list?.namedChildren.filter((n): n is Node => n !== null && n.type !== 'comment') ?? [];
  let last = statements[statements.length - 1];
  let label: string | undefined;
  if (last?.type === 'labeled_statement') {
    label = last.childForFieldName('label')?.text;
    last = last.namedChildren.find((n) => n?.type === 'for_statement') ?? last;
  }
  if (!body || last?.type !== 'for_statement' || !endless(last, isTick, statements)) return false;
  let exits = false;
  walk(body, (node) => {
    if (exits || node.type === 'func_literal') return false;
    if (node.type === 'return_statement' || node.type === 'goto_statement') exits = true;
    if (node.type === 'break_statement' && breaks(node, last, label)) exits = true;
    return undefined;
  });
  return !exits;
}

function endless(loop: Node, isTick: (call: Node) => boolean, statements: readonly Node[]): boolean {
  const clause = loop.namedChildren.find((n) => n?.type === 'for_clause' || n?.type === 'range_clause');
  if (!clause) return !loop.namedChildren.some((n) => n && n.type !== 'block' && n.type !== 'comment');
  if (clause.type === 'for_clause') return clause.childForFieldName('condition') === null;
  const right = clause.childForFieldName('right');
  if (right?.type === 'call_expression') return isTick(right);
  return right?.type === 'identifier' && statements.some((statement) => declaresTick(statement, right.text, isTick));
}

/** `name := time.Tick(d)` among the function's own statements. */
function declaresTick(statement: Node, name: string, isTick: (call: Node) => boolean): boolean {
  if (statement.type !== 'short_var_declaration') return false;
  const left = statement.childForFieldName('left')?.namedChildren ?? [];
  const right = statement.childForFieldName('right')?.namedChildren ?? [];
  return left.length === 1 && left[0]?.text === name && right.length === 1 && right[0]?.type === 'call_expression' && isTick(right[0]);
}

function breaks(statement: Node, loop: Node, label: string | undefined): boolean {
  const target = statement.namedChild(0)?.text;
  if (target) return target === label;
  let current: Node | null = statement.parent;
  while (current && !BREAK_TARGETS.has(current.type)) current = current.parent;
  return Boolean(current?.equals(loop));
}
