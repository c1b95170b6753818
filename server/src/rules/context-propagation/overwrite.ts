// `ctx = context.Background()`: the caller's context parameter overwritten with a fresh one, so
// every later use of `ctx` drops the caller's cancellation. Only the nil guard
// (`if ctx == nil { ctx = context.Background() }`) fills in a context the caller did not give.
import type { Node } from 'web-tree-sitter';
import type { TextEdit } from '../../core/findings';
import { findLocalDeclaration } from '../../core/scope';
import { enclosingFunction } from '../../core/syntax';
import type { LineIndex } from '../../core/text';
import type { ContextSource } from './facts';

/**
 * The statement `ctx = context.Background()` when `call` is the whole value assigned to the
 * context parameter `source` names, in the function that declares it; undefined otherwise.
 */
export function parameterOverwrite(call: Node, source: ContextSource): Node | undefined {
  if (source.kind !== 'context') return undefined;
  let value = call;
  while (value.parent?.type === 'parenthesized_expression') value = value.parent;
  const list = value.parent;
  const statement = list?.type === 'expression_list' ? list.parent : undefined;
  if (statement?.type !== 'assignment_statement' || statement.childForFieldName('operator')?.text !== '=') return undefined;
  const left = statement.childForFieldName('left');
  const target = left?.namedChildCount === 1 ? left.namedChild(0) : null;
  if (list!.namedChildCount !== 1 || target?.type !== 'identifier' || !statement.childForFieldName('right')?.equals(list!)) return undefined;
  const declaration = findLocalDeclaration(target);
  if (declaration?.kind !== 'param' || !declaration.name.equals(source.param)) return undefined;
  return enclosingFunction(statement)?.equals(source.fn) ? statement : undefined;
}

/**
 * True when the assignment runs only for a nil context: under `if ctx == nil` (or `nil == ctx`,
 * alone or in a condition) or in the `else` of `if ctx != nil`, or in `case ctx == nil:`.
 */
export function nilGuarded(statement: Node, name: string, fn: Node): boolean {
  let child = statement;
  for (let current = statement.parent; current && !current.equals(fn); child = current, current = current.parent) {
    if (current.type === 'if_statement') {
      const condition = current.childForFieldName('condition');
      const inElse = current.childForFieldName('alternative')?.equals(child) ?? false;
      if (condition && comparesWithNil(condition, name, inElse ? '!=' : '==')) return true;
    }
    if (current.type === 'expression_case') {
      const value = current.childForFieldName('value');
      if (value && comparesWithNil(value, name, '==')) return true;
    }
  }
  return false;
}

/** `name == nil` (or with `!=`), either way round, anywhere in `expression`. */
function comparesWithNil(expression: Node, name: string, operator: '==' | '!='): boolean {
  const comparisons = expression.type === 'binary_expression' ? [expression, ...expression.descendantsOfType('binary_expression')] : expression.descendantsOfType('binary_expression');
  return comparisons.some((comparison) => {
    if (comparison?.childForFieldName('operator')?.text !== operator) return false;
    const sides = [comparison.childForFieldName('left')?.text, comparison.childForFieldName('right')?.text];
    return sides.includes(name) && sides.includes('nil');
  });
}

/** Deletes the statement's line (with its trailing comment), when nothing else is on it. */
export function removedLine(statement: Node, lines: LineIndex): TextEdit | undefined {
  const row = statement.startPosition.row;
  const line = lines.lineText(row);
  const rest = line.slice(statement.endPosition.column).trim();
  if (statement.endPosition.row !== row || line.slice(0, statement.startPosition.column).trim() !== '' || (rest !== '' && !rest.startsWith('//'))) return undefined;
  return { range: { start: { line: row, character: 0 }, end: { line: row + 1, character: 0 } }, newText: '' };
}
