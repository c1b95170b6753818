import type { Node } from 'web-tree-sitter';
import { findLocalDeclaration } from '../../core/scope';
import { callArguments, calleeParts, walk } from '../../core/syntax';
import type { TypeResolver } from '../../core/type-resolver';
import { wordPattern, type Facts, type TopFacts } from './facts';
import { CONTEXT_PATHS } from '../../core/context-params';

/** Calls that take a context only to bound a cleanup, usually after the caller's context ended. */
const SHUTDOWN_SINKS = new Set(['Shutdown', 'Stop', 'Close', 'GracefulShutdown']);

/**
 * Whether the context made by `call` (`context.Background()`) is only used synchronously in this
 * function, as the parent of child contexts or as an argument of calls. It is not when it
 * reaches a goroutine or a deferred call (detached work), bounds a `Shutdown`/`Stop`/`Close`,
 * escapes (returned, stored in a field or literal, sent, captured by a closure for later), or
 * fills a nil context parameter (`if ctx == nil { ctx = context.Background() }`).
 */
export function usedOnlyInline(call: Node, top: TopFacts, facts: Facts, depth = 0): boolean {
  if (depth > 4) return false;
  let node = call;
  let parent = node.parent;
  while (parent?.type === 'parenthesized_expression') {
    node = parent;
    parent = node.parent;
  }
  if (!parent) return false;
  switch (parent.type) {
    case 'argument_list': {
      const outer = parent.parent;
      if (outer?.type !== 'call_expression') return false;
      const name = calleeParts(outer)?.name;
      if (name?.startsWith('With')) {
        const callee = facts.types.calledFunction(outer);
        if (callee && CONTEXT_PATHS.has(callee.path)) return usedOnlyInline(outer, top, facts, depth + 1);
      }
      return !(name && SHUTDOWN_SINKS.has(name));
    }
    case 'expression_list': {
      const statement = parent.parent;
      const values = parent.namedChildren.filter((n): n is Node => n !== null);
      const index = values.findIndex((v) => v.equals(node));
      if (!statement || index === -1) return false;
      // `ctx, cancel := context.WithTimeout(…)`: the context is the first result.
      const targetIndex = values.length === 1 ? 0 : index;
      if (statement.type === 'short_var_declaration' || statement.type === 'assignment_statement') {
        if (!statement.childForFieldName('right')?.equals(parent)) return false;
        const target = statement.childForFieldName('left')?.namedChildren[targetIndex];
        return target ? variableUsedInline(target, statement, top, facts, depth) : false;
      }
      if (statement.type === 'var_spec') {
        const target = statement.childrenForFieldName('name')[targetIndex];
        return target ? variableUsedInline(target, statement, top, facts, depth) : false;
      }
      return false;
    }
    case 'return_statement':
    case 'keyed_element':
    case 'literal_element':
    case 'send_statement':
      return false;
    default:
      return true;
  }
}

function variableUsedInline(target: Node, statement: Node, top: TopFacts, facts: Facts, depth: number): boolean {
  if (target.type !== 'identifier') return false;
  const name = target.text;
  if (name === '_') return true;
  // The identifier the later uses must resolve to: the one this statement declares, or for an
  // assignment the local variable assigned to.
  let declared: Node = target;
  if (statement.type === 'assignment_statement') {
    const declaration = findLocalDeclaration(target);
    // Filling in a missing parameter, or assigning a package variable: not ours to judge.
    if (!declaration || declaration.kind === 'param' || declaration.kind === 'receiver' || declaration.kind === 'result') return false;
    declared = declaration.name;
  }
  const span = facts.enclosingFunctions(statement, top)[0];
  if (!span) return false;
  const fn = span.node;
  // The later uses of the name in the function, found from its text.
  const end = statement.endIndex;
  for (const { node: use } of facts.keywords(fn, end, facts.text.slice(end, span.end), wordPattern([name]))) {
    if (use.type !== 'identifier' || use.text !== name) continue;
    if (!findLocalDeclaration(use)?.name.equals(declared)) continue;
    if (isAssignedTo(use)) continue;
    if (!runsInline(use, fn) || !usedOnlyInline(use, top, facts, depth + 1)) return false;
  }
  return true;
}

/** `x = …`: the identifier is overwritten, not read. */
function isAssignedTo(identifier: Node): boolean {
  const list = identifier.parent;
  const statement = list?.type === 'expression_list' ? list.parent : undefined;
  return statement?.type === 'assignment_statement' && statement.childForFieldName('left')?.equals(list!) === true;
}

/** The use runs now, in this goroutine: not under `go` or `defer`, not in a closure kept for later. */
function runsInline(use: Node, fn: Node): boolean {
  for (let current = use.parent; current && !current.equals(fn); current = current.parent) {
    if (current.type === 'go_statement' || current.type === 'defer_statement') return false;
    if (current.type === 'func_literal') {
      let outer: Node = current;
      while (outer.parent?.type === 'parenthesized_expression') outer = outer.parent;
      if (!(outer.parent?.type === 'call_expression' && outer.parent.childForFieldName('function')?.equals(outer))) return false;
    }
  }
  return true;
}

/**
 * True when `node` runs once the caller's context is already done: in the `<-ctx.Done()` case of
 * a select, after a statement that waits for `Done()`, or in an `if` that tests `ctx.Err()` or
 * `context.Canceled`. Passing the caller's context there would fail at once (shutdown and
 * cleanup code), so neither `context.Background()` nor a call without context is reported.
 */
export function runsAfterDone(node: Node, fn: Node, names: ReadonlySet<string>, top: TopFacts, types: TypeResolver): boolean {
  // Every case below needs one of these words in the declaration's text.
  if (!/Done|Err|Canceled|DeadlineExceeded/.test(top.text)) return false;
  const mayWait = top.text.includes('Done');
  let child = node;
  for (let current = node.parent; current && !current.equals(fn); child = current, current = current.parent) {
    const type = current.type;
    if (mayWait && type === 'communication_case') {
      const communication = current.childForFieldName('communication');
      if (isDoneReceive(communication) && !communication?.equals(child)) return true;
    }
    if (mayWait && (type === 'statement_list' || type === 'block')) {
      for (const statement of current.namedChildren) {
        if (!statement || statement.startIndex >= child.startIndex) break;
        if (statement.text.includes('Done') && waitsForDone(statement)) return true;
      }
    }
    if (type === 'if_statement' && current.childForFieldName('consequence')?.equals(child)) {
      const condition = current.childForFieldName('condition');
      if (condition && checksCancellation(condition, names, types)) return true;
    }
  }
  return false;
}

/** `<-x.Done()`, alone or as a receive statement's right side. */
function isDoneReceive(node: Node | null): boolean {
  if (!node) return false;
  let receive: Node | null = node;
  if (node.type === 'receive_statement') receive = node.childForFieldName('right');
  else if (node.type === 'expression_statement') receive = node.namedChild(0);
  if (receive?.type !== 'unary_expression' || receive.child(0)?.type !== '<-') return false;
  const operand = receive.childForFieldName('operand');
  return operand?.type === 'call_expression' && calleeParts(operand)?.name === 'Done' && callArguments(operand).length === 0;
}

/** A statement after which the caller's context may be done. */
function waitsForDone(statement: Node): boolean {
  if (statement.type === 'expression_statement') return isDoneReceive(statement);
  if (statement.type === 'short_var_declaration' || statement.type === 'assignment_statement') {
    return statement.childForFieldName('right')?.namedChildren.some((value) => isDoneReceive(value)) ?? false;
  }
  if (statement.type !== 'select_statement') return false;
  // A `case <-ctx.Done():` that returns or continues does not fall through to what follows.
  return statement.namedChildren.some((clause) => {
    if (clause?.type !== 'communication_case' || !isDoneReceive(clause.childForFieldName('communication'))) return false;
    const body = clause.namedChildren.find((n) => n?.type === 'statement_list');
    const last = body?.namedChildren.filter((n) => n?.type !== 'comment').pop();
    return last?.type !== 'return_statement' && last?.type !== 'continue_statement';
  });
}

/** `ctx.Err() != nil`, `r.Context().Err()`, `errors.Is(err, context.Canceled)`… */
function checksCancellation(condition: Node, names: ReadonlySet<string>, types: TypeResolver): boolean {
  let found = false;
  walk(condition, (node) => {
    if (found) return false;
    if (node.type === 'call_expression' && calleeParts(node)?.name === 'Err' && callArguments(node).length === 0) {
      const operand = calleeParts(node)!.operand;
      if (operand?.type === 'identifier' && names.has(operand.text)) found = true;
      if (operand?.type === 'call_expression' && calleeParts(operand)?.name === 'Context') found = true;
    }
    if (node.type === 'selector_expression') {
      const qualified = types.qualified(node);
      if (qualified && CONTEXT_PATHS.has(qualified.path) && (qualified.name === 'Canceled' || qualified.name === 'DeadlineExceeded')) found = true;
    }
    return undefined;
  });
  return found;
}
