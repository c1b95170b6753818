// Requests that carry their own deadline. A client without a Timeout cannot hang on a request
// whose context expires: net/http aborts the round trip, the body read included, when the
// request's context is done. Only deadlines set in the same function count; a context that
// arrives as a parameter may or may not have one, and we cannot see which.
import type { Node } from 'web-tree-sitter';
import type { RuleContext } from './rule';
import { assignmentsBefore } from './assignments';
import { findLocalDeclaration, type Declaration } from './scope';
import { callArguments, calleeParts, enclosingFunction, identifiersNamed, unparen } from './syntax';

const DEADLINES = new Set(['WithTimeout', 'WithDeadline', 'WithTimeoutCause', 'WithDeadlineCause']);
/** Derived contexts keep their parent's deadline (`WithoutCancel` drops it, so it is not here). */
const KEEPS_PARENT_DEADLINE = new Set(['WithCancel', 'WithCancelCause', 'WithValue']);

/**
 * Where the request expression's context comes from: a deadline set in this function, a
 * parameter of the function (the caller decides the bound, and we cannot see whether it sets
 * one), or neither.
 */
export type RequestBound = 'deadline' | 'caller';

export function requestBound(request: Node, context: RuleContext): RequestBound | undefined {
  const expression = unparen(request);
  if (expression.type === 'call_expression') return madeWithContext(expression, context);
  if (expression.type !== 'identifier') return undefined;
  // A request the caller built and handed in: its context, and so its bound, is the caller's.
  if (findLocalDeclaration(expression)?.kind === 'param') return 'caller';
  const value = valueReaching(expression);
  return value === undefined ? undefined : madeWithContext(unparen(value), context);
}

/** True when the request expression's context has a deadline set in this function. */
export function carriesDeadline(request: Node, context: RuleContext): boolean {
  return requestBound(request, context) === 'deadline';
}

/** `http.NewRequestWithContext(ctx, …)` or `req.WithContext(ctx)`: where `ctx` gets its bound. */
function madeWithContext(call: Node, context: RuleContext): RequestBound | undefined {
  if (call.type !== 'call_expression') return undefined;
  const callee = calleeParts(call);
  const first = callArguments(call)[0];
  if (!callee || !first) return undefined;
  const called = context.types.calledFunction(call);
  if (called) return called.path === 'net/http' && called.name === 'NewRequestWithContext' ? boundOf(first, context) : undefined;
  return callee.name === 'WithContext' && callArguments(call).length === 1 ? boundOf(first, context) : undefined;
}

/** Where a context expression gets its bound: a deadline set in this function, the caller, or neither. */
export function contextBound(ctx: Node, context: RuleContext): RequestBound | undefined {
  return boundOf(ctx, context);
}

/**
 * `ctx, cancel := context.WithCancel(…)` (or any `With…` returning a cancel) followed in the same
 * block by `defer cancel()`: the context is done by the time the function returns.
 */
export function cancelledOnReturn(ctx: Node, context: RuleContext): boolean {
  const expression = unparen(ctx);
  if (expression.type !== 'identifier') return false;
  const declaration = findLocalDeclaration(expression);
  if (declaration?.kind !== 'short' || declaration.index !== 0 || declaration.values.length !== 1) return false;
  const value = unparen(declaration.values[0]);
  // The variable still holds that context where it is used.
  if (value.type !== 'call_expression' || !valueReaching(expression)?.equals(declaration.values[0])) return false;
  const called = context.types.calledFunction(value);
  const cancel = declaration.node.childForFieldName('left')?.namedChildren[1]?.text;
  if (called?.path !== 'context' || !called.name.startsWith('With') || !cancel || cancel === '_') return false;
  for (let next = declaration.node.nextNamedSibling; next; next = next.nextNamedSibling) {
    if (next.type === 'defer_statement' && next.text.replace(/\s+/g, '') === `defer${cancel}()`) return true;
  }
  return false;
}

function boundOf(ctx: Node, context: RuleContext, depth = 0): RequestBound | undefined {
  const expression = unparen(ctx);
  if (expression.type !== 'identifier' || depth > 4) return undefined;
  const declaration = findLocalDeclaration(expression);
  if (declaration?.kind === 'param') return parameterBound(declaration, expression, context, depth);
  const value = valueReaching(expression);
  if (value?.type !== 'call_expression') return undefined;
  const called = context.types.calledFunction(value);
  if (called?.path !== 'context') return undefined;
  if (DEADLINES.has(called.name)) return 'deadline';
  const parent = callArguments(value)[0];
  return KEEPS_PARENT_DEADLINE.has(called.name) && parent !== undefined ? boundOf(parent, context, depth + 1) : undefined;
}

/**
 * A ctx parameter is the caller's bound, unless the function assigns it something else before
 * `use` (`ctx = context.Background()`); `ctx = context.WithValue(ctx, …)` keeps the caller's bound.
 */
function parameterBound(declaration: Declaration, use: Node, context: RuleContext, depth: number): RequestBound | undefined {
  for (const { value } of assignmentsBefore(declaration, use)) {
    // `ctx = context.WithValue(ctx, …)` reads the parameter before it assigns it.
    if (value && value.startIndex <= use.startIndex && use.endIndex <= value.endIndex) continue;
    const call = value && unparen(value);
    const called = call?.type === 'call_expression' ? context.types.calledFunction(call) : undefined;
    const parent = call && callArguments(call)[0];
    if (called?.path !== 'context' || !KEEPS_PARENT_DEADLINE.has(called.name) || !parent || boundOf(parent, context, depth + 1) !== 'caller') return undefined;
  }
  return 'caller';
}

/**
 * The value a local variable holds where `use` reads it: the last assignment before the use in
 * the same function, provided it runs on every path to the use (its statement encloses the use's
 * block). A call assigned to several names (`req, err := f()`) counts as the value of the first
 * name only, which is where the functions we ask about return the value we care about.
 */
export function valueReaching(use: Node): Node | undefined {
  const declaration = findLocalDeclaration(use);
  if (!declaration || (declaration.kind !== 'short' && declaration.kind !== 'var')) return undefined;
  const fn = enclosingFunction(use);
  if (!fn || !enclosingFunction(declaration.name)?.equals(fn)) return undefined;
  let last = valueAt(declaration.node, declaration.values, declaration.index);
  for (const other of identifiersNamed(fn, use.text)) {
    if (other.startIndex >= use.startIndex || other.startIndex <= declaration.name.startIndex) continue;
    const assignment = assignmentOf(other);
    // `ctx, stop := context.WithCancel(ctx)` reads `ctx` before it assigns it.
    if (!assignment || assignment.statement.endIndex > use.startIndex) continue;
    if (findLocalDeclaration(other)?.name.equals(declaration.name)) last = assignment;
  }
  return last.value && enclosesUse(last.statement, use) ? last.value : undefined;
}

interface Assigned {
  statement: Node;
  value: Node | undefined;
}

function valueAt(statement: Node, values: readonly (Node | null)[], index: number): Assigned {
  if (values.length === 1 && index > 0) return { statement, value: undefined };
  return { statement, value: values[values.length === 1 ? 0 : index] ?? undefined };
}

/** For an identifier on the left of `=`/`:=`, the statement and the value it receives; null when it is only read. */
function assignmentOf(identifier: Node): Assigned | null {
  const list = identifier.parent;
  const statement = list?.type === 'expression_list' ? list.parent : undefined;
  if (!list || !statement || (statement.type !== 'assignment_statement' && statement.type !== 'short_var_declaration')) return null;
  if (!statement.childForFieldName('left')?.equals(list)) return null;
  if (statement.type === 'assignment_statement' && statement.childForFieldName('operator')?.text !== '=') return { statement, value: undefined };
  const index = list.namedChildren.findIndex((node) => node?.equals(identifier));
  return valueAt(statement, statement.childForFieldName('right')?.namedChildren ?? [], index);
}

/** True when `statement` sits in a statement list that encloses `use` (so it ran before it). */
function enclosesUse(statement: Node, use: Node): boolean {
  let list: Node | null = statement;
  while (list && list.type !== 'statement_list') list = list.parent;
  if (!list) return false;
  for (let node: Node | null = use.parent; node; node = node.parent) {
    if (node.equals(list)) return true;
    if (node.type === 'func_literal') return false;
  }
  return false;
}
