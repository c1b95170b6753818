// Finds an exit taken between receiving a resource and the statement that releases it.
import type { Node } from 'web-tree-sitter';
import type { Localized } from '../findings';
import { findLocalDeclaration } from '../scope';
import { walk } from '../syntax';
import { EXIT_WORDS } from './patterns';
import type { Occurrence } from './references';

const BREAK_TARGETS = new Set(['for_statement', 'expression_switch_statement', 'type_switch_statement', 'select_statement']);

/** An exit taken with the rows still open, and the Close it skips. */
export interface Leak {
  close: Node;
  exit: Node;
}

/**
 * For rows received by `statement` and closed by a later statement of the same block (one of
 * `sites`), the first exit between the two that leaves with the rows still open. Undefined when
 * every exit is covered, or when the rows are closed only in some branches: too many shapes to be
 * sure.
 */
export function leakBeforeClose(statement: Node, sites: Node[], refs: Occurrence[], err: string | undefined, name: string): Leak | undefined {
  const list = statement.parent;
  if (list?.type !== 'statement_list') return undefined;
  const siteIds = new Set(sites.map((site) => site.id));
  const between: Node[] = [];
  let close: Node | undefined;
  for (let next = statement.nextNamedSibling; next; next = next.nextNamedSibling) {
    if (siteIds.has(next.id)) {
      close = next;
      break;
    }
    if (next.type !== 'comment') between.push(next);
  }
  if (!close) return undefined;
  const exit = exitsAmong(between, list, refs, err).find((exit) => !coveredBefore(exit, list, siteIds, name));
  return exit ? { close, exit } : undefined;
}

/**
 * The exits that leave a `for rows.Next() { … }` loop before Next has reported false (and so
 * before database/sql has closed the rows): returns, gotos and panics in its body, a `break` of
 * this loop, and a `break` or `continue` to a label outside it.
 */
export function exitsBeforeExhausted(loop: Node): Node[] {
  const body = loop.childForFieldName('body');
  // The block holding the loop (past its label, so `continue label` to this loop stays inside).
  const list = loop.parent?.type === 'labeled_statement' ? loop.parent.parent : loop.parent;
  if (!body || !list) return [];
  const exits: Node[] = [];
  collectExits(body, list, exits);
  walk(body, (node) => {
    if (node.type === 'func_literal') return false;
    if (node.type === 'break_statement' && breaks(node, loop)) exits.push(node);
    return undefined;
  });
  return exits.sort((a, b) => a.startIndex - b.startIndex);
}

/** True when the `break` ends `loop` itself (unlabelled and nearest, or labelled with its label). */
function breaks(jump: Node, loop: Node): boolean {
  const label = jump.namedChildren.find((n) => n?.type === 'label_name')?.text;
  if (label !== undefined) return loop.parent?.type === 'labeled_statement' && loop.parent.childForFieldName('label')?.text === label;
  let target: Node | null = jump.parent;
  while (target && !BREAK_TARGETS.has(target.type)) target = target.parent;
  return Boolean(target?.equals(loop));
}

/** The exits in `statements` that leave `list`, skipping the query's own error path. */
function exitsAmong(statements: Node[], list: Node, refs: Occurrence[], err: string | undefined): Node[] {
  const exits: Node[] = [];
  let usedYet = false;
  const usedIn = (from: number, to: number) => refs.some((ref) => ref.start >= from && ref.start < to);
  for (const sibling of statements) {
    const start = sibling.startIndex;
    const end = sibling.endIndex;
    if (!usedYet && err) {
      // On the error path the rows are nil; an `else` runs like the code after the `if`.
      const alternative = errorPath(sibling, err);
      if (alternative !== undefined && !usedIn(start, alternative?.startIndex ?? end)) {
        if (!alternative) continue;
        usedYet = usedIn(alternative.startIndex, end);
        if (EXIT_WORDS.test(alternative.text)) collectExits(alternative, list, exits);
        continue;
      }
    }
    usedYet ||= usedIn(start, end);
    if (EXIT_WORDS.test(sibling.text)) collectExits(sibling, list, exits);
  }
  return exits;
}

/**
 * For an `if` on the query's error (`if err != nil { return err }`, also
 * `if err != nil && !errors.Is(err, ErrX)`), its `else` branch or null when it has none; undefined
 * for any other statement. The caller checks that the rows are not touched before the `else`: the
 * exits there are taken as the error path, where the rows are nil. A condition comparing the
 * error with `==` is not taken.
 */
function errorPath(statement: Node, err: string): Node | null | undefined {
  if (statement.type !== 'if_statement' || statement.childForFieldName('initializer')) return undefined;
  const condition = statement.childForFieldName('condition');
  if (!condition) return undefined;
  let mentions = false;
  let equality = false;
  const look = (node: Node) => {
    if (node.type === 'identifier' && node.text === err) mentions = true;
    if (node.type === 'binary_expression' && node.childForFieldName('operator')?.text === '==') equality = true;
  };
  // `walk` visits only the descendants; the condition itself counts too.
  look(condition);
  walk(condition, look);
  return mentions && !equality ? statement.childForFieldName('alternative') : undefined;
}

/** Returns, gotos, panics, and breaks or continues that leave `region`, outside func literals. */
function collectExits(root: Node, region: Node, exits: Node[]): void {
  const visit = (node: Node): boolean | undefined => {
    switch (node.type) {
      case 'func_literal':
        return false;
      case 'return_statement':
      case 'goto_statement':
        exits.push(node);
        break;
      case 'break_statement':
      case 'continue_statement':
        if (leavesRegion(node, region)) exits.push(node);
        break;
      case 'call_expression': {
        const fn = node.childForFieldName('function');
        if (fn?.type === 'identifier' && fn.text === 'panic' && !findLocalDeclaration(fn)) exits.push(node);
        break;
      }
    }
    return undefined;
  };
  if (visit(root) !== false) walk(root, visit);
}

function leavesRegion(jump: Node, region: Node): boolean {
  const label = jump.namedChildren.find((n) => n?.type === 'label_name')?.text;
  for (let current = jump.parent; current && !current.equals(region); current = current.parent) {
    if (label !== undefined) {
      if (current.type === 'labeled_statement' && current.childForFieldName('label')?.text === label) return false;
    } else if (current.type === 'for_statement' || (jump.type === 'break_statement' && BREAK_TARGETS.has(current.type))) {
      return false;
    }
  }
  return true;
}

/**
 * True when the rows are closed by the time `exit` runs: a Close site precedes it in one of the
 * blocks between it and `region`, or it sits under `if !rows.Next()` (Next has closed them) or
 * `if rows == nil` (nothing to close). An exit that is a site itself (a `return resp` that hands
 * the resource to the caller) leaves nothing open behind it.
 */
function coveredBefore(exit: Node, region: Node, sites: Set<number>, name: string): boolean {
  if (sites.has(exit.id)) return true;
  let child = exit;
  for (let current = exit.parent; current && !current.equals(region); child = current, current = current.parent) {
    if (current.type === 'if_statement' && current.childForFieldName('consequence')?.equals(child) && closedOrNil(current.childForFieldName('condition'), name)) {
      return true;
    }
    if (current.type !== 'statement_list') continue;
    for (const sibling of current.namedChildren) {
      if (!sibling || sibling.startIndex >= child.startIndex) break;
      if (sites.has(sibling.id)) return true;
    }
  }
  return false;
}

/** `!rows.Next()` (when Next reports false, database/sql has closed the rows) or `rows == nil`. */
function closedOrNil(condition: Node | null, name: string): boolean {
  if (condition?.type === 'binary_expression' && condition.childForFieldName('operator')?.text === '==') {
    const sides = [condition.childForFieldName('left'), condition.childForFieldName('right')].map((n) => n?.text);
    return sides.includes(name) && sides.includes('nil');
  }
  if (condition?.type !== 'unary_expression' || condition.childForFieldName('operator')?.text !== '!') return false;
  const call = condition.childForFieldName('operand');
  const fn = call?.type === 'call_expression' ? call.childForFieldName('function') : null;
  return fn?.type === 'selector_expression' && fn.childForFieldName('operand')?.text === name && fn.childForFieldName('field')?.text === 'Next';
}

/** How the exit leaves, as the message words it: "on the path that returns". */
export function exitVerb(exit: Node): string {
  switch (exit.type) {
    case 'return_statement':
      return 'returns';
    case 'break_statement':
      return 'breaks out';
    case 'continue_statement':
      return 'continues';
    case 'goto_statement':
      return 'jumps away';
    default:
      return 'panics';
  }
}

const EXIT_PATH_ZH: Record<string, string> = {
  return_statement: '在提前 return 的路径上',
  break_statement: '在 break 跳出的路径上',
  continue_statement: '在 continue 的路径上',
  goto_statement: '在 goto 跳走的路径上',
};

/** "on the path that returns" and its Chinese, for the messages. */
export function exitPath(exit: Node): Localized {
  return { en: `on the path that ${exitVerb(exit)}`, 'zh-cn': EXIT_PATH_ZH[exit.type] ?? '在 panic 的路径上' };
}

