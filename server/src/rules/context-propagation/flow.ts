import type { Node } from 'web-tree-sitter';
import { declarationIn, findLocalDeclaration, type Declaration } from '../../core/scope';
import { callArguments, calleeParts, enclosingFunction, walk } from '../../core/syntax';
import type { TypeResolver } from '../../core/type-resolver';
import { CONTEXT_PATHS } from './scope';

/** Calls that take a context only to bound a cleanup, usually after the caller's context ended. */
const SHUTDOWN_SINKS = new Set(['Shutdown', 'Stop', 'Close', 'GracefulShutdown']);

/**
 * Whether the context made by `call` (`context.Background()`) is only used synchronously in this
 * function, as the parent of child contexts or as an argument of calls. It is not when it
 * reaches a goroutine or a deferred call (detached work), bounds a `Shutdown`/`Stop`/`Close`,
 * escapes (returned, stored in a field or literal, sent, captured by a closure for later), or
 * fills a nil context parameter (`if ctx == nil { ctx = context.Background() }`).
 */
export function usedOnlyInline(call: Node, types: TypeResolver, depth = 0): boolean {
  if (depth > 4) return false;
  let node = call;
  while (node.parent?.type === 'parenthesized_expression') node = node.parent;
  const parent = node.parent;
  if (!parent) return false;
  switch (parent.type) {
    case 'argument_list': {
      const outer = parent.parent;
      if (outer?.type !== 'call_expression') return false;
      const callee = types.calledFunction(outer);
      if (callee && CONTEXT_PATHS.has(callee.path) && callee.name.startsWith('With')) return usedOnlyInline(outer, types, depth + 1);
      const name = calleeParts(outer)?.name;
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
        return target ? variableUsedInline(target, statement, types, depth) : false;
      }
      if (statement.type === 'var_spec') {
        const target = statement.childrenForFieldName('name')[targetIndex];
        return target ? variableUsedInline(target, statement, types, depth) : false;
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

function variableUsedInline(target: Node, statement: Node, types: TypeResolver, depth: number): boolean {
  if (target.type !== 'identifier') return false;
  if (target.text === '_') return true;
  let declaration: Declaration | undefined;
  if (statement.type === 'assignment_statement') {
    declaration = findLocalDeclaration(target);
    // Filling in a missing parameter, or assigning a package variable: not ours to judge.
    if (!declaration || declaration.kind === 'param' || declaration.kind === 'receiver' || declaration.kind === 'result') return false;
  } else {
    let holder: Node | null = statement;
    while (holder && holder.type !== 'short_var_declaration' && holder.type !== 'var_declaration') holder = holder.parent;
    declaration = holder ? declarationIn(holder, target.text) : undefined;
    if (!declaration?.name.equals(target)) return false;
  }
  const fn = enclosingFunction(statement);
  const body = fn?.childForFieldName('body');
  if (!fn || !body) return false;
  let inline = true;
  walk(body, (use) => {
    if (!inline) return false;
    if (use.endIndex <= statement.endIndex || use.type !== 'identifier' || use.text !== target.text) return undefined;
    if (!findLocalDeclaration(use)?.name.equals(declaration!.name)) return undefined;
    if (isAssignedTo(use)) return undefined;
    if (!runsInline(use, fn) || !usedOnlyInline(use, types, depth + 1)) inline = false;
    return undefined;
  });
  return inline;
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
export function runsAfterDone(node: Node, fn: Node, names: ReadonlySet<string>, types: TypeResolver): boolean {
  let child = node;
  for (let current = node.parent; current && !current.equals(fn); child = current, current = current.parent) {
    if (current.type === 'communication_case' && isDoneReceive(current.childForFieldName('communication'))) {
      if (!current.childForFieldName('communication')?.equals(child)) return true;
    }
    if (current.type === 'statement_list' || current.type === 'block') {
      for (const statement of current.namedChildren) {
        if (!statement || statement.startIndex >= child.startIndex) break;
        if (waitsForDone(statement)) return true;
      }
    }
    if (current.type === 'if_statement' && current.childForFieldName('consequence')?.equals(child)) {
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
