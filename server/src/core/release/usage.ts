// What each use of a resource variable means: a release that always runs, one that may not, or a
// hand-off. Shared by the rules whose resource must be released on every path unless its
// ownership moves (rows, a response body, a span). The rule says what one use is; this module says
// when a release runs.
import type { Node } from 'web-tree-sitter';
import { enclosingFunction } from '../syntax';
import { literalAround, runsOf } from './closures';
import { word } from './patterns';

/** One identifier naming the resource variable, and its parent. */
export interface Reference {
  node: Node;
  parent: Node;
  /** The target of the assignment that replaces this value on every path (see `usesOfValue`). */
  overwrites?: boolean;
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
  /**
   * The statement that assigns the variable again on every path that goes on, when nothing
   * releases this value before it (a deferred closure reads the variable only at the end, so it
   * releases the last value): this one is lost there.
   */
  overwrittenAt?: Node;
}

/** Nodes an expression may sit in and still be evaluated whenever its statement runs. */
export const PASS_THROUGH = new Set([
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

/**
 * What the uses of the resource (from `referencesOf`, which leaves out `_ = x` and literals that
 * never run), taken together, say about who releases it and when. A release inside a func
 * literal counts where the literal runs (see `runsOf`).
 */
export function usageOf(refs: readonly Reference[], fn: Node, classify: (ref: Reference) => Use): Usage {
  const usage: Usage = { sites: [], conditionalRelease: false, releasedElsewhere: false, escapes: false };
  let overwrite: Node | undefined;
  let releasedBeforeEnd = false;
  for (const ref of refs) {
    if (ref.overwrites) overwrite = ref.parent.parent ?? undefined;
    const { literal, depth } = literalAround(ref.node, fn);
    const runs = depth === 0 ? undefined : depth === 1 ? runsOf(literal!, fn) : undefined;
    const use = classify(ref);
    switch (use.kind) {
      case 'harmless':
        break;
      case 'escape':
        usage.escapes = true;
        break;
      case 'release':
        if (depth > 0 && !runs) {
          usage.releasedElsewhere = true;
          break;
        }
        for (const { call, deferred } of runs ?? [{ call: use.call, deferred: false }]) {
          if (deferred) releaseAtEnd(call, fn, usage);
          else releaseCall(call, usage);
          releasedBeforeEnd ||= !deferred;
        }
        break;
      case 'releaseValue': {
        // `defer closeLogged(resp.Body.Close)` releases it; any other use of the method value escapes.
        const deferred = deferredCallOfArgument(use.value, fn);
        if (deferred) {
          usage.sites.push(deferred);
          releasedBeforeEnd = true;
        } else usage.escapes = true;
        break;
      }
      case 'argument': {
        if (ignoredByLiteral(use.argument)) break;
        const deferred = deferredCallOfArgument(use.argument, fn);
        if (deferred) {
          usage.sites.push(deferred);
          releasedBeforeEnd = true;
        } else if (use.otherwise === 'escape') usage.escapes = true;
        break;
      }
    }
    if (usage.escapes) break;
  }
  if (overwrite && !releasedBeforeEnd && !usage.escapes && !usage.releasedElsewhere && !usage.conditionalRelease) usage.overwrittenAt = overwrite;
  return usage;
}

/**
 * A release in a deferred literal (written in `fn`): it runs as the function returns, reading the
 * variable as it is then.
 */
function releaseAtEnd(call: Node, fn: Node, usage: Usage): void {
  const statement = call.parent!;
  if (statement.parent?.type === 'statement_list' && enclosingFunction(statement)?.equals(fn)) usage.sites.push(statement);
  else usage.releasedElsewhere = true;
}

/**
 * `defer func(body io.ReadCloser) {}(resp.Body)`: the literal the argument goes to never names
 * the parameter that receives it, so the call neither releases nor keeps it.
 */
function ignoredByLiteral(argument: Node): boolean {
  const list = argument.parent;
  const literal = list?.type === 'argument_list' ? list.parent?.childForFieldName('function') : undefined;
  if (literal?.type !== 'func_literal') return false;
  const names: (string | undefined)[] = [];
  for (const declaration of literal.childForFieldName('parameters')?.namedChildren ?? []) {
    if (declaration?.type !== 'parameter_declaration') return false;
    const declared = declaration.childrenForFieldName('name');
    if (declared.length === 0) names.push(undefined);
    for (const name of declared) names.push(name?.text);
  }
  const arguments_ = list!.namedChildren;
  if (names.length !== arguments_.length) return false;
  const name = names[arguments_.findIndex((n) => n?.equals(argument))];
  if (name === undefined || name === '_') return true;
  const body = literal.childForFieldName('body');
  return body !== null && !word(name).test(body.text);
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
function releaseCall(call: Node, usage: Usage): void {
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
