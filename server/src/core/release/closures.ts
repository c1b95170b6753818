// Where a func literal runs, seen from the function it is written in: a use of a resource inside
// the literal happens there, not where the literal is written. A cleanup closure that nobody calls
// releases nothing; one called on the spot or deferred releases where it runs.
import type { Node, Tree } from 'web-tree-sitter';
import { findLocalDeclaration } from '../scope';
import { enclosingFunction } from '../syntax';
import { occurrencesIn } from './occurrences';

/** One place the literal's body runs: the call that runs it, and whether that call is deferred. */
export interface Run {
  /** The call expression (`func() { … }()`, `cleanup()`); its parent is the defer statement when deferred. */
  call: Node;
  /** Deferred: the body runs when the function returns, reading the variables as they are then. */
  deferred: boolean;
}

let runsTree: Tree | undefined;
const runsMemo = new Map<number, readonly Run[] | null>();

/**
 * Where `literal`, written directly in `fn`, runs: called on the spot, deferred, or through a
 * local variable that holds it (`cleanup := func() { … }` then `cleanup()` or `defer cleanup()`).
 * An empty list when it never runs (`_ = func() { … }`, or a variable nobody calls); undefined when
 * it is handed on (to a goroutine, a call, a field, a return) and may run at any time.
 */
export function runsOf(literal: Node, fn: Node): readonly Run[] | undefined {
  const tree = literal.tree;
  if (runsTree !== tree) {
    runsTree = tree;
    runsMemo.clear();
  }
  let known = runsMemo.get(literal.id);
  if (known === undefined) {
    known = findRuns(literal, fn, tree) ?? null;
    runsMemo.set(literal.id, known);
  }
  return known ?? undefined;
}

function findRuns(literal: Node, fn: Node, tree: Tree): readonly Run[] | undefined {
  let outer = literal;
  while (outer.parent?.type === 'parenthesized_expression') outer = outer.parent;
  const parent = outer.parent;
  if (parent?.type === 'call_expression' && parent.childForFieldName('function')?.equals(outer)) return callRuns(parent);
  if (isDiscarded(outer)) return [];
  const variable = variableHolding(outer);
  return variable ? variableRuns(variable, fn, tree) : undefined;
}

/** The call runs the literal now, or when the function returns; in a goroutine it runs any time. */
function callRuns(call: Node): Run[] | undefined {
  const statement = call.parent?.type;
  if (statement === 'go_statement') return undefined;
  return [{ call, deferred: statement === 'defer_statement' }];
}

/**
 * `_ = value` (every target it is assigned to is the blank identifier): written only to keep the
 * compiler quiet, it neither uses the value nor hands it to anyone.
 */
export function isDiscarded(value: Node): boolean {
  const list = value.parent;
  const holder = list?.type === 'expression_list' ? list.parent : undefined;
  if (holder?.type === 'assignment_statement') {
    if (holder.childForFieldName('operator')?.text !== '=' || !holder.childForFieldName('right')?.equals(list!)) return false;
    const index = list!.namedChildren.findIndex((n) => n?.equals(value));
    const targets = holder.childForFieldName('left')?.namedChildren ?? [];
    return targets.length === list!.namedChildCount && targets[index]?.type === 'identifier' && targets[index]!.text === '_';
  }
  if (holder?.type === 'var_spec') {
    const names = holder.childrenForFieldName('name');
    const index = list!.namedChildren.findIndex((n) => n?.equals(value));
    return names.length === list!.namedChildCount && names[index]?.text === '_';
  }
  return false;
}

/** The local variable that `f := func() { … }` or `var f = func() { … }` declares for the literal. */
function variableHolding(value: Node): Node | undefined {
  const list = value.parent;
  const holder = list?.type === 'expression_list' ? list.parent : undefined;
  if (!holder || !(holder.type === 'short_var_declaration' || holder.type === 'var_spec')) return undefined;
  const names = holder.type === 'var_spec' ? holder.childrenForFieldName('name') : (holder.childForFieldName('left')?.namedChildren ?? []);
  if (names.length !== list!.namedChildCount) return undefined;
  const name = names[list!.namedChildren.findIndex((n) => n?.equals(value))];
  return name?.type === 'identifier' && name.text !== '_' ? name : undefined;
}

/**
 * The runs of the literal a variable holds: its calls in `fn`. Any other use (passed on,
 * returned, stored, reassigned, used by another closure) means it may run at any time.
 */
function variableRuns(variable: Node, fn: Node, tree: Tree): readonly Run[] | undefined {
  const runs: Run[] = [];
  for (const { node, parent } of occurrencesIn(fn, variable.text, tree)) {
    if (node.equals(variable) || node.startIndex < variable.startIndex) continue;
    if (findLocalDeclaration(node)?.name.id !== variable.id) continue;
    if (isDiscarded(node)) continue;
    const called = parent.type === 'call_expression' && parent.childForFieldName('function')?.equals(node);
    if (!called || !enclosingFunction(node)?.equals(fn)) return undefined;
    const call = callRuns(parent);
    if (!call) return undefined;
    runs.push(...call);
  }
  return runs;
}

/**
 * The func literal written directly in `fn` that contains `node`, and how deep `node` is nested
 * in literals (0: in `fn` itself). A use two literals deep runs when an inner closure runs,
 * which this analysis does not follow. Read from the literals' ranges, listed once per function.
 */
export function literalAround(node: Node, fn: Node): { literal?: Node; depth: number } {
  let literal: Node | undefined;
  let depth = 0;
  for (const candidate of literalsIn(fn)) {
    if (candidate.startIndex > node.startIndex) break;
    if (node.endIndex > candidate.endIndex) continue;
    literal ??= candidate;
    depth++;
  }
  return { literal, depth };
}

let literalsTree: Tree | undefined;
const literalsMemo = new Map<number, Node[]>();

/** The func literals inside `fn` (not `fn` itself), in source order. */
function literalsIn(fn: Node): Node[] {
  if (literalsTree !== fn.tree) {
    literalsTree = fn.tree;
    literalsMemo.clear();
  }
  let literals = literalsMemo.get(fn.id);
  if (!literals) {
    literals = fn.descendantsOfType('func_literal').filter((n): n is Node => n !== null && n.id !== fn.id);
    literalsMemo.set(fn.id, literals);
  }
  return literals;
}
