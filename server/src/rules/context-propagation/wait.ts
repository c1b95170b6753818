import type { Node } from 'web-tree-sitter';
import type { TypeResolver } from '../../core/type-resolver';
import { callArguments, enclosingFunction } from '../../core/syntax';
import { calledMethod, usesOf } from '../../core/variables';
import { CONTEXT_PATHS } from '../../core/context-params';

/** The context functions that derive a context and its cancel function from their first argument. */
const DERIVERS = new Set(['WithTimeout', 'WithDeadline', 'WithCancel']);

/** The methods that read a context without handing it to any work. */
const WAITS = new Set(['Done', 'Err', 'Deadline']);

/**
 * `ctx, cancel := context.WithTimeout(context.Background(), d)` (or `ctx := context.Background()`)
 * where `ctx` is only waited on: received from as `<-ctx.Done()`, or asked `ctx.Err()` and
 * `ctx.Deadline()`, and `cancel` is only called. Then the context reaches no call, and the
 * caller's context would only end the wait sooner. Returns `ctx`'s declaring name; undefined for
 * any other use, or shape.
 */
export function onlyWaitedOn(call: Node, types: TypeResolver): Node | undefined {
  let value = outermost(call);
  let derived = false;
  const list = value.parent;
  if (list?.type === 'argument_list') {
    const derive = list.parent!;
    const called = types.calledFunction(derive);
    if (!called || !CONTEXT_PATHS.has(called.path) || !DERIVERS.has(called.name)) return undefined;
    if (!callArguments(derive)[0]?.equals(value)) return undefined;
    value = outermost(derive);
    derived = true;
  }
  const targets = declaredBy(value);
  // A derived context comes with its cancel function; Background alone is one value.
  if (!targets || targets.length !== (derived ? 2 : 1)) return undefined;
  const [ctx, cancel] = targets;
  const fn = enclosingFunction(ctx);
  if (ctx.type !== 'identifier' || ctx.text === '_' || !fn) return undefined;
  if (cancel && cancel.text !== '_' && (cancel.type !== 'identifier' || !usesOf(cancel, fn).every(isCalled))) return undefined;
  const uses = usesOf(ctx, fn);
  if (uses.length === 0 || !uses.every(isWait)) return undefined;
  return ctx;
}

function outermost(node: Node): Node {
  let current = node;
  while (current.parent?.type === 'parenthesized_expression') current = current.parent;
  return current;
}

/**
 * The names `value` is the only value of: `a, b := value` or `var a, b = value`. An assignment to
 * existing variables is not: their earlier and later values mix.
 */
function declaredBy(value: Node): Node[] | undefined {
  const list = value.parent;
  if (list?.type !== 'expression_list' || list.namedChildCount !== 1) return undefined;
  const holder = list.parent;
  if (holder?.type === 'short_var_declaration' && holder.childForFieldName('right')?.equals(list)) {
    return holder.childForFieldName('left')?.namedChildren.filter((n): n is Node => n !== null);
  }
  if (holder?.type === 'var_spec' && holder.childForFieldName('value')?.equals(list)) return holder.childrenForFieldName('name');
  return undefined;
}

/** `<-ctx.Done()`, `ctx.Err()`, `ctx.Deadline()`: `Done()`'s channel only where it is received from. */
function isWait(use: Node): boolean {
  const method = calledMethod(use);
  if (!method || !WAITS.has(method)) return false;
  if (method !== 'Done') return true;
  const receive = outermost(use.parent!.parent!).parent;
  return receive?.type === 'unary_expression' && receive.child(0)?.type === '<-';
}

/** `cancel()`, deferred or not. */
function isCalled(use: Node): boolean {
  const call = outermost(use).parent;
  return call?.type === 'call_expression' && call.childForFieldName('function')?.equals(outermost(use)) === true && callArguments(call).length === 0;
}
