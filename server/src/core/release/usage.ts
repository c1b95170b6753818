// What each use of a resource variable means: a release that always runs, one that may not, or a
// hand-off. Shared by the rules whose resource must be released on every path unless its
// ownership moves (rows, a response body, a span). The rule says what one use is; this module says
// when a release runs.
import type { Node } from 'web-tree-sitter';
import { enclosingFunction } from '../syntax';

/** One identifier naming the resource variable, and its parent. */
export interface Reference {
  node: Node;
  parent: Node;
}

/**
 * What one use is, as the rule reads it:
 * - `harmless`: reading a field, calling a method that does not release, comparing, being assigned;
 * - `escape`: someone else may own the resource now (returned, stored, passed on, captured);
 * - `release`: the call that releases it (`resp.Body.Close()`, `span.End()`);
 * - `releaseValue`: the release method as a value (`resp.Body.Close`): releases it when handed
 *   to a deferred call, escapes otherwise;
 * - `argument`: the resource (or the part that is released) passed to a call: a deferred helper
 *   releases it; otherwise `otherwise` says what the call means.
 */
export type Use =
  | { kind: 'harmless' | 'escape' }
  | { kind: 'release'; call: Node }
  | { kind: 'releaseValue'; value: Node }
  | { kind: 'argument'; argument: Node; otherwise: 'harmless' | 'escape' };

export interface Usage {
  /** Statements (each directly in a statement list) that release the resource whenever they run. */
  sites: Node[];
  /** A release whose statement runs only on some paths (an `if` branch, a `&&` operand). */
  conditionalRelease: boolean;
  /** A release inside a func literal that is not simply deferred: its timing is unknown. */
  releasedElsewhere: boolean;
  /** Someone else owns the resource. */
  escapes: boolean;
}

/** Nodes an expression may sit in and still be evaluated whenever its statement runs. */
const PASS_THROUGH = new Set([
  'expression_list',
  'argument_list',
  'call_expression',
  'parenthesized_expression',
  'unary_expression',
  'expression_statement',
  'assignment_statement',
  'short_var_declaration',
  'return_statement',
  'defer_statement',
  'var_spec',
  'var_spec_list',
  'var_declaration',
]);

/** What the uses of the resource, taken together, say about who releases it and when. */
export function usageOf(refs: readonly Reference[], fn: Node, classify: (ref: Reference) => Use): Usage {
  const usage: Usage = { sites: [], conditionalRelease: false, releasedElsewhere: false, escapes: false };
  for (const ref of refs) {
    const use = classify(ref);
    switch (use.kind) {
      case 'harmless':
        break;
      case 'escape':
        usage.escapes = true;
        break;
      case 'release':
        releaseCall(use.call, fn, usage);
        break;
      case 'releaseValue': {
        // `defer closeLogged(resp.Body.Close)` releases it; any other use of the method value escapes.
        const deferred = deferredCallOfArgument(use.value, fn);
        if (deferred) usage.sites.push(deferred);
        else usage.escapes = true;
        break;
      }
      case 'argument': {
        const deferred = deferredCallOfArgument(use.argument, fn);
        if (deferred) usage.sites.push(deferred);
        else if (use.otherwise === 'escape') usage.escapes = true;
        break;
      }
    }
    if (usage.escapes) break;
  }
  return usage;
}

/** For an argument of `defer f(…)` written in `fn` itself, the defer statement. */
function deferredCallOfArgument(argument: Node, fn: Node): Node | undefined {
  const list = argument.parent;
  const call = list?.type === 'argument_list' ? list.parent : undefined;
  const statement = call?.parent;
  if (statement?.type !== 'defer_statement' || statement.parent?.type !== 'statement_list') return undefined;
  return enclosingFunction(statement)?.equals(fn) ? statement : undefined;
}

/** Records a release call by whether it always runs when this function gets there. */
function releaseCall(call: Node, fn: Node, usage: Usage): void {
  const owner = enclosingFunction(call);
  if (!owner) return;
  if (!owner.equals(fn)) {
    // `defer func() { … resp.Body.Close() … }()` in this function releases it; any other literal
    // (a stored cleanup func, a goroutine, `t.Cleanup`) runs at a time we cannot see.
    const invocation = owner.parent;
    const statement = invocation?.type === 'call_expression' && invocation.childForFieldName('function')?.equals(owner) ? invocation.parent : null;
    const outer = enclosingFunction(owner);
    if (statement?.type === 'defer_statement' && statement.parent?.type === 'statement_list' && outer?.equals(fn)) usage.sites.push(statement);
    else usage.releasedElsewhere = true;
    return;
  }
  const statement = unconditionalStatement(call);
  if (statement) usage.sites.push(statement);
  else usage.conditionalRelease = true;
}

/** The statement (directly in a statement list) that always evaluates `node` when it runs. */
export function unconditionalStatement(node: Node): Node | undefined {
  let child = node;
  for (let current = node.parent; current; child = current, current = current.parent) {
    if (current.type === 'statement_list') return child;
    if (PASS_THROUGH.has(current.type)) continue;
    if (current.type === 'if_statement') {
      const initializer = current.childForFieldName('initializer');
      const condition = current.childForFieldName('condition');
      if (initializer?.equals(child) || condition?.equals(child)) continue;
      return undefined;
    }
    if (current.type === 'binary_expression') {
      const operator = current.childForFieldName('operator')?.text;
      if ((operator !== '&&' && operator !== '||') || current.childForFieldName('left')?.equals(child)) continue;
      return undefined;
    }
    return undefined;
  }
  return undefined;
}

/** True when `node` is one side of `==` or `!=`. */
export function isCompared(node: Node): boolean {
  const parent = node.parent;
  if (parent?.type !== 'binary_expression') return false;
  const operator = parent.childForFieldName('operator')?.text;
  return operator === '==' || operator === '!=';
}

/** True when `node` is a target on the left of `=` or `:=`. */
export function isAssignedTo(node: Node): boolean {
  const list = node.parent;
  const holder = list?.type === 'expression_list' ? list.parent : undefined;
  return (holder?.type === 'assignment_statement' || holder?.type === 'short_var_declaration') && (holder.childForFieldName('left')?.equals(list!) ?? false);
}
