// What each use of the rows means: a Close that always runs, one that may not, or a hand-off.
import type { Node } from 'web-tree-sitter';
import { enclosingFunction } from '../../core/syntax';
import type { Occurrence } from './references';

/** Nodes an expression may sit in and still be evaluated whenever its statement runs. */
const PASS_THROUGH = new Set([
  'expression_list',
  'argument_list',
  'call_expression',
  'parenthesized_expression',
  'expression_statement',
  'assignment_statement',
  'short_var_declaration',
  'return_statement',
  'defer_statement',
  'var_spec',
  'var_spec_list',
  'var_declaration',
]);

export interface Usage {
  /** Statements (each directly in a statement list) that close the rows whenever they run. */
  sites: Node[];
  /** A Close whose statement runs only on some paths (an `if` branch, a `&&` operand). */
  conditionalClose: boolean;
  /** A Close inside a func literal that is not simply deferred: its timing is unknown. */
  closedElsewhere: boolean;
  /** The rows are returned, passed on, stored or sent: someone else owns them. */
  escapes: boolean;
}

/** What the uses of the rows, taken together, say about who closes them and when. */
export function usageOf(refs: Occurrence[], fn: Node): Usage {
  const usage: Usage = { sites: [], conditionalClose: false, closedElsewhere: false, escapes: false };
  for (const ref of refs) classify(ref.node, ref.parent, fn, usage);
  return usage;
}

/**
 * Records what one use means. Method calls, comparisons and being assigned to are harmless;
 * any other use not known to close the rows counts as handing them on, so the rule stays silent
 * rather than guess.
 */
function classify(ref: Node, parent: Node, fn: Node, usage: Usage): void {
  switch (parent.type) {
    case 'selector_expression': {
      if (!parent.childForFieldName('operand')?.equals(ref)) break;
      const field = parent.childForFieldName('field')?.text;
      if (field === 'Rows') {
        usage.escapes = true; // the *sql.Rows inside *sqlx.Rows: followed no further
      } else if (field === 'Close') {
        const call = parent.parent;
        if (call?.type === 'call_expression' && call.childForFieldName('function')?.equals(parent)) closeCall(call, fn, usage);
        else {
          // `defer closeLogged(rows.Close)` closes them; any other use of the method value escapes.
          const deferred = deferredCallOfArgument(parent, fn);
          if (deferred) usage.sites.push(deferred);
          else usage.escapes = true;
        }
      }
      return;
    }
    case 'expression_list': {
      const holder = parent.parent;
      if ((holder?.type === 'assignment_statement' || holder?.type === 'short_var_declaration') && holder.childForFieldName('left')?.equals(parent)) return;
      break;
    }
    case 'binary_expression': {
      const operator = parent.childForFieldName('operator')?.text;
      if (operator === '==' || operator === '!=') return;
      break;
    }
    case 'argument_list': {
      // `defer closeRows(rows)`: a deferred helper taking the rows closes them.
      const deferred = deferredCallOfArgument(ref, fn);
      if (deferred) {
        usage.sites.push(deferred);
        return;
      }
      break;
    }
  }
  usage.escapes = true;
}

/** For an argument of `defer f(…)` written in `fn` itself, the defer statement. */
function deferredCallOfArgument(argument: Node, fn: Node): Node | undefined {
  const list = argument.parent;
  const call = list?.type === 'argument_list' ? list.parent : undefined;
  const statement = call?.parent;
  if (statement?.type !== 'defer_statement' || statement.parent?.type !== 'statement_list') return undefined;
  return enclosingFunction(statement)?.equals(fn) ? statement : undefined;
}

/** Records a `rows.Close()` call by whether it always runs when this function gets there. */
function closeCall(call: Node, fn: Node, usage: Usage): void {
  const owner = enclosingFunction(call);
  if (!owner) return;
  if (!owner.equals(fn)) {
    // `defer func() { … rows.Close() … }()` in this function closes them; any other literal
    // (a stored cleanup func, a goroutine) runs at a time we cannot see.
    const invocation = owner.parent;
    const statement = invocation?.type === 'call_expression' && invocation.childForFieldName('function')?.equals(owner) ? invocation.parent : null;
    const outer = enclosingFunction(owner);
    if (statement?.type === 'defer_statement' && statement.parent?.type === 'statement_list' && outer?.equals(fn)) usage.sites.push(statement);
    else usage.closedElsewhere = true;
    return;
  }
  const statement = unconditionalStatement(call);
  if (statement) usage.sites.push(statement);
  else usage.conditionalClose = true;
}

/** The statement (directly in a statement list) that always evaluates `node` when it runs. */
function unconditionalStatement(node: Node): Node | undefined {
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

