// Whether a context may be used after its function returns, where an added `defer cancel()`
// would already have cancelled it: the fix is offered only for contexts that stay inside.
import type { Node } from 'web-tree-sitter';
import { identifiersNamed } from '../../core/syntax';
import type { Binding } from './uses';

/**
 * True when every later use of the context keeps it inside the function: a method call on it
 * (`<-ctx.Done()`), or an argument of a call whose result is dropped, compared with nil, kept
 * only as errors (`err := db.PingContext(ctx)`) or returned from a function that returns only
 * an error. A context returned, stored, captured by a closure or a goroutine, or given to a
 * call whose other results are kept (rows, a client that holds it) may be used after the
 * return: no fix then.
 */
export function staysInFunction(binding: Binding, fn: Node): boolean {
  const left = binding.target.parent;
  const ctx = left?.type === 'var_spec' ? left.childrenForFieldName('name')[0] : left?.namedChild(0);
  if (ctx?.type !== 'identifier') return false;
  if (ctx.text === '_') return true;
  return identifiersNamed(fn, ctx.text)
    .filter((use) => use.startIndex >= binding.statement.endIndex)
    .every((use) => !insideClosureOrGoroutine(use, fn) && keptInside(use, returnsOnlyError(fn)));
}

function returnsOnlyError(fn: Node): boolean {
  const result = fn.childForFieldName('result');
  const types = result?.type === 'parameter_list' ? result.namedChildren.map((p) => p?.childForFieldName('type')?.text) : [result?.text];
  return types.length === 1 && types[0] === 'error';
}

function insideClosureOrGoroutine(use: Node, fn: Node): boolean {
  for (let node = use.parent; node && !node.equals(fn); node = node.parent) {
    if (node.type === 'func_literal' || node.type === 'go_statement' || node.type === 'defer_statement') return true;
  }
  return false;
}

function keptInside(use: Node, returnsError: boolean): boolean {
  const parent = use.parent;
  if (parent?.type === 'selector_expression' && parent.childForFieldName('operand')?.equals(use)) return true;
  if (parent?.type !== 'argument_list' || parent.parent?.type !== 'call_expression') return false;
  const holder = parent.parent.parent;
  switch (holder?.type) {
    case 'expression_statement':
    case 'if_statement':
      return true;
    case 'binary_expression':
      return holder.namedChildren.some((operand) => operand?.type === 'nil');
    case 'expression_list': {
      const statement = holder.parent;
      if (statement?.type === 'return_statement') return returnsError && holder.namedChildCount === 1;
      if ((statement?.type !== 'short_var_declaration' && statement?.type !== 'assignment_statement') || !statement.childForFieldName('right')?.equals(holder)) return false;
      const names = statement.childForFieldName('left')?.namedChildren ?? [];
      return names.every((name) => name?.type === 'identifier' && (name.text === '_' || /^err/i.test(name.text)));
    }
    default:
      return false;
  }
}
